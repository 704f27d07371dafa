// A section's bytes on the wire: its size as IMAP counts it (bare LF = 2 bytes) and a source that streams it
// from the blob store, cut to <origin.count> when asked (RFC 3501 §6.4.5 partial fetch, counted in wire bytes).
import type { PartialRange } from '../../codec/index.ts';
import { canReadSync, type BlobStore } from '../../../store/store.ts';
import { countBareLf, replaceNul, toWireInPlace, WireConverter, type WireSource } from './wire-bytes.ts';

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
  const convert = (): ((chunk: Buffer) => Buffer) => {
    if (bareLf === 0) return replaceNul;
    // streamed: every converted chunk is copied into the output at once (ImapSocket.writeStream)
    const converter = new WireConverter(from, size, true);
    return (chunk) => converter.convert(chunk);
  };
  const rawSize = rawEnd - rawStart;
  if (rawSize <= SMALL_SECTION) {
    const range = { start: rawStart, end: rawEnd };
    // converted in place in the pooled buffer: the raw bytes are read behind room for the CRs to be added
    const bufferSize = rawSize + bareLf;
    const toWire = (into: Buffer, raw: Buffer) => {
      const wire = toWireInPlace(into, bareLf, raw.length);
      return bareLf === 0 ? wire : wire.subarray(from, to);
    };
    // a small range of a local file is read at once: cheaper than three thread-pool round trips (see SyncBlobRead)
    const immediate = canReadSync(blobs) && rawSize <= SYNC_SECTION;
    const load = immediate
      ? (into: Buffer) => {
        try {
          return Promise.resolve(toWire(into, blobs.readSync(sha256, range, into.subarray(bareLf))));
        } catch (error) {
          return Promise.reject(error as Error);
        }
      }
      : (into: Buffer) => blobs.read(sha256, range, into.subarray(bareLf)).then((raw) => toWire(into, raw));
    return { size, source: { kind: 'small', size, bufferSize, load, immediate } };
  }
  const whole = { start: rawStart, end: rawEnd };
  const open = canReadSync(blobs)
    ? (scratch: Buffer) => ({ stream: blobs.readChunksSync(sha256, whole, scratch), convert: convert() })
    : () => ({ stream: blobs.open(sha256, whole), convert: convert() });
  return { size, source: { kind: 'large', open } };
}
