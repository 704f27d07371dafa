// Literals of a response batch are read a few ahead of the one being written, so the blob store's file opens and
// reads overlap the socket writes instead of waiting one after another. Small sections are loaded whole; large
// ones are opened as streams when their turn comes. The window is bounded in count and bytes, which keeps a
// session's memory small whatever the batch holds.
import type { OutputChunk, StreamedLiteralValue } from '../../codec/index.ts';
import type { WireSource, WireStream } from './wire-bytes.ts';

const WINDOW_COUNT = 8;
const WINDOW_BYTES = 1024 * 1024;

export type Prepared = { kind: 'bytes'; data: Promise<Buffer> } | { kind: 'stream'; opened: WireStream };

export class ReadAhead {
  private readonly loading = new Map<number, { data: Promise<Buffer>; size: number }>();
  private loadingBytes = 0;
  private scanned = 0;

  constructor(private readonly chunks: readonly OutputChunk[]) {}

  /** The bytes or stream of chunk `index` (a streamed literal); starts loading the next ones meanwhile. */
  take(index: number): Prepared {
    const chunk = this.chunks[index] as StreamedLiteralValue;
    const source = chunk.source as WireSource;
    const loaded = this.loading.get(index);
    if (loaded) {
      this.loading.delete(index);
      this.loadingBytes -= loaded.size;
    }
    this.fill(index + 1);
    if (source.kind === 'large') return { kind: 'stream', opened: source.open() };
    return { kind: 'bytes', data: loaded?.data ?? source.load() };
  }

  private fill(from: number): void {
    this.scanned = Math.max(this.scanned, from);
    while (this.loading.size < WINDOW_COUNT && this.scanned < this.chunks.length) {
      const chunk = this.chunks[this.scanned]!;
      if (!Buffer.isBuffer(chunk)) {
        const source = chunk.source as WireSource;
        if (source.kind === 'small') {
          if (this.loading.size > 0 && this.loadingBytes + source.size > WINDOW_BYTES) return;
          const data = source.load();
          data.catch(() => undefined); // a failure is reported when the chunk is taken
          this.loading.set(this.scanned, { data, size: source.size });
          this.loadingBytes += source.size;
        }
      }
      this.scanned++;
    }
  }
}
