// Literals of a response batch are read a few ahead of the one being written, so the blob store's file opens and
// reads overlap the socket writes instead of waiting one after another. Small sections are loaded whole into
// pooled buffers (those read synchronously only when their turn comes: loading them early would only hold
// memory); large ones are opened as streams when their turn comes. The window is bounded in count and
// bytes, which keeps a session's memory small whatever the batch holds.
import type { OutputChunk, StreamedLiteralValue } from '../../codec/index.ts';
import type { BufferPool } from '../buffer-pool.ts';
import type { WireSource, WireStream } from './wire-bytes.ts';

const WINDOW_COUNT = 4;
const WINDOW_BYTES = 128 * 1024;

/** A small literal's bytes (`data`, possibly a view of `buffer`); give `buffer` back to the pool once written. */
export type Loaded = { data: Promise<Buffer>; buffer: Buffer };
/** A large literal's pieces; `scratch` (pooled) goes back to the pool once the literal is written. */
export type Prepared = { kind: 'bytes'; loaded: Loaded } | { kind: 'stream'; opened: WireStream; scratch: Buffer };

/** Pieces a large literal is read in, when the store reads synchronously. */
const STREAM_PIECE = 64 * 1024;

export class ReadAhead {
  private readonly loading = new Map<number, Loaded & { size: number }>();
  private loadingBytes = 0;
  private scanned = 0;

  constructor(private readonly chunks: readonly OutputChunk[], private readonly pool: BufferPool) {}

  /** The bytes or stream of chunk `index` (a streamed literal); starts loading the next ones meanwhile. */
  take(index: number): Prepared {
    const source = (this.chunks[index] as StreamedLiteralValue).source as WireSource;
    const loaded = this.loading.get(index);
    if (loaded) {
      this.loading.delete(index);
      this.loadingBytes -= loaded.size;
    }
    this.fill(index + 1);
    if (source.kind === 'large') {
      const scratch = this.pool.acquire(STREAM_PIECE);
      return { kind: 'stream', opened: source.open(scratch), scratch };
    }
    return { kind: 'bytes', loaded: loaded ?? this.load(source) };
  }

  private load(source: WireSource & { kind: 'small' }): Loaded {
    const buffer = this.pool.acquire(source.bufferSize);
    const data = source.load(buffer);
    data.catch(() => undefined); // a failure is reported when the chunk is written
    return { data, buffer };
  }

  private fill(from: number): void {
    this.scanned = Math.max(this.scanned, from);
    while (this.loading.size < WINDOW_COUNT && this.scanned < this.chunks.length) {
      const chunk = this.chunks[this.scanned]!;
      if (!Buffer.isBuffer(chunk)) {
        const source = chunk.source as WireSource;
        if (source.kind === 'small' && !source.immediate) {
          if (this.loading.size > 0 && this.loadingBytes + source.bufferSize > WINDOW_BYTES) return;
          this.loading.set(this.scanned, { ...this.load(source), size: source.bufferSize });
          this.loadingBytes += source.bufferSize;
        }
      }
      this.scanned++;
    }
  }

  /** Buffers of literals loaded but never written (the connection broke) go back to the pool once read. */
  close(): void {
    for (const loaded of this.loading.values()) void loaded.data.finally(() => this.pool.release(loaded.buffer));
    this.loading.clear();
  }
}
