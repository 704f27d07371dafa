// A section's bytes on the wire: its size as IMAP counts it (bare LF = 2 bytes) and a source that streams it
// from the blob store, cut to <origin.count> when asked (RFC 3501 §6.4.5 partial fetch, counted in wire bytes).
import type { PartialRange } from '../../codec/index.ts';
import { canReadSync, type BlobStore, type SyncBlobRead } from '../../../store/store.ts';
import { countBareLf, replaceNul, toWireInPlace, WireConverter, type WireSource, type WireStream } from './wire-bytes.ts';

/** Sections up to this size are read into memory in one go; larger ones stream. */
const SMALL_SECTION = 256 * 1024;
/** Up to this size a local file is read synchronously (see SyncBlobRead). */
const SYNC_SECTION = 256 * 1024;

export interface RawRange {
  start: number;
  end: number;
  /** bare LFs inside the range when the structure tells; null = count them */
  bareLf: number | null;
}

export interface SectionBytes {
  size: number;
  source: WireSource;
}

/** Synchronous when the range's bare LFs are known; they are counted first otherwise. */
export function sectionBytes(blobs: BlobStore, sha256: string, range: RawRange, partial: PartialRange | null): SectionBytes | Promise<SectionBytes> {
  if (range.bareLf === null) {
    return countBareLf(blobs, sha256, range.start, range.end).then((bareLf) => sectionBytes(blobs, sha256, { ...range, bareLf }, partial));
  }
  const { start, end, bareLf } = range;
  const wireSize = end - start + bareLf;
  let from = 0;
  let to = wireSize;
  if (partial) {
    from = Math.min(partial.start, wireSize);
    to = Math.min(from + partial.length, wireSize);
  }
  const size = to - from;
  // wire offsets are raw offsets when there is no bare LF: read just the wanted bytes
  const rawStart = bareLf === 0 ? start + from : start;
  const rawEnd = bareLf === 0 ? start + to : end;
  const rawSize = rawEnd - rawStart;
  const source = rawSize <= SMALL_SECTION
    ? new SmallSection(blobs, sha256, rawStart, rawEnd, bareLf, from, to)
    : new LargeSection(blobs, sha256, rawStart, rawEnd, bareLf, from, size);
  return { size, source };
}

/**
 * A small section, read whole into a pooled buffer and converted there in place: the raw bytes are read behind
 * room for the CRs to be added. One object per FETCHed message (closures per message were a top allocation).
 */
class SmallSection {
  readonly kind = 'small';
  readonly size: number;
  readonly bufferSize: number;
  /** a small range of a local file is read at once: cheaper than three thread-pool round trips (see SyncBlobRead) */
  readonly immediate: boolean;

  constructor(
    private readonly blobs: BlobStore, private readonly sha256: string, private readonly start: number, private readonly end: number,
    private readonly bareLf: number, private readonly from: number, private readonly to: number,
  ) {
    this.size = to - from;
    this.bufferSize = end - start + bareLf;
    this.immediate = canReadSync(blobs) && end - start <= SYNC_SECTION;
  }

  load(into: Buffer): Promise<Buffer> {
    const range = { start: this.start, end: this.end };
    const target = into.subarray(this.bareLf);
    if (!this.immediate) return this.blobs.read(this.sha256, range, target).then((raw) => this.toWire(into, raw));
    try {
      return Promise.resolve(this.toWire(into, (this.blobs as BlobStore & SyncBlobRead).readSync(this.sha256, range, target)));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private toWire(into: Buffer, raw: Buffer): Buffer {
    const wire = toWireInPlace(into, this.bareLf, raw.length);
    return this.bareLf === 0 ? wire : wire.subarray(this.from, this.to);
  }
}

/** A large section, streamed: read synchronously in pieces into a pooled scratch buffer, or as a blob stream. */
class LargeSection {
  readonly kind = 'large';

  constructor(
    private readonly blobs: BlobStore, private readonly sha256: string, private readonly start: number, private readonly end: number,
    private readonly bareLf: number, private readonly from: number, private readonly size: number,
  ) {}

  open(scratch: Buffer): WireStream {
    const range = { start: this.start, end: this.end };
    const stream = canReadSync(this.blobs) ? this.blobs.readChunksSync(this.sha256, range, scratch) : this.blobs.open(this.sha256, range);
    if (this.bareLf === 0) return { stream, convert: replaceNul };
    // every converted chunk is copied into the output at once (ImapSocket.writeStream): a shared scratch serves
    const converter = new WireConverter(this.from, this.size, true);
    return { stream, convert: (chunk) => converter.convert(chunk) };
  }
}
