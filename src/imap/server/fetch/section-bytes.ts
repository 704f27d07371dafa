// A section's bytes on the wire: its size as IMAP counts it (bare LF = 2 bytes) and a source that streams it
// from the blob store, cut to <origin.count> when asked (RFC 3501 §6.4.5 partial fetch, counted in wire bytes).
import type { PartialRange } from '../../codec/index.ts';
import type { BlobStore } from '../../../store/store.ts';
import { countBareLf, replaceNul, WireConverter, type WireSource } from './wire-bytes.ts';

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

export async function sectionBytes(blobs: BlobStore, sha256: string, range: RawRange, partial: PartialRange | null): Promise<SectionBytes> {
  const { start, end } = range;
  const bareLf = range.bareLf ?? (await countBareLf(blobs, sha256, start, end));
  const wireSize = end - start + bareLf;
  let from = 0;
  let to = wireSize;
  if (partial) {
    from = Math.min(partial.start, wireSize);
    to = Math.min(from + partial.length, wireSize);
  }
  const size = to - from;
  if (bareLf === 0) {
    // wire offsets are raw offsets: read just the wanted bytes
    return { size, source: { open: () => ({ stream: blobs.open(sha256, { start: start + from, end: start + to }), convert: replaceNul }) } };
  }
  return {
    size,
    source: {
      open: () => {
        const converter = new WireConverter(from, size);
        return { stream: blobs.open(sha256, { start, end }), convert: (chunk) => converter.convert(chunk) };
      },
    },
  };
}
