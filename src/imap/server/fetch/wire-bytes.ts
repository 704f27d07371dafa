// Message bytes as IMAP servers send them outside BINARY (what Dovecot does): every bare LF becomes CRLF and
// every NUL becomes 0x80, so literals hold only legal octets (RFC 3501 §4.3) and sizes count CRLF line ends.
// Offsets in the stored structure are raw; a range with bare LFs is sized by counting them first.
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../../store/store.ts';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const HIGH = 0x80;

/** NUL → 0x80, copying only when there is one. */
export function replaceNul(chunk: Buffer): Buffer {
  let at = chunk.indexOf(NUL);
  if (at < 0) return chunk;
  const copy = Buffer.from(chunk);
  while (at >= 0) {
    copy[at] = HIGH;
    at = copy.indexOf(NUL, at + 1);
  }
  return copy;
}

/**
 * A scratch buffer for converted chunks that are copied into the socket's output before the next chunk is
 * converted (the streamed-literal path): one buffer for the process instead of one allocation per chunk.
 */
let sharedScratch = Buffer.allocUnsafeSlow(0);

/** Stateful chunk converter: bare LF → CRLF and NUL → 0x80, keeping only converted bytes [skip, skip+take). */
export class WireConverter {
  private previous = -1;
  private position = 0;

  /**
   * `transient`: each converted chunk is consumed (copied) before the next convert() call anywhere in the
   * process, so the output may live in a shared scratch buffer.
   */
  constructor(private readonly skip = 0, private readonly take = Infinity, private readonly transient = false) {}

  convert(chunk: Buffer): Buffer {
    const converted = replaceNul(this.addCarriageReturns(chunk));
    // keep only the wanted window of the converted stream
    const from = Math.max(0, this.skip - this.position);
    const to = Math.min(converted.length, this.skip + this.take - this.position);
    this.position += converted.length;
    if (from === 0 && to === converted.length) return converted;
    return to > from ? converted.subarray(from, to) : converted.subarray(0, 0);
  }

  /** Adds a CR before each LF that has none: the chunk copied once behind room for the CRs, then expanded in place. */
  private addCarriageReturns(chunk: Buffer): Buffer {
    if (chunk.length === 0) return chunk;
    let bare = 0;
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) {
      if ((at === 0 ? this.previous : chunk[at - 1]) !== CR) bare++;
    }
    const first = this.previous;
    this.previous = chunk[chunk.length - 1]!;
    if (bare === 0) return chunk;
    const out = this.transient ? scratch(chunk.length + bare) : Buffer.allocUnsafe(chunk.length + bare);
    chunk.copy(out, bare);
    return expandBareLf(out, bare, chunk.length, first);
  }
}

/**
 * Converts in place, without allocating: the raw bytes sit at `buffer[rawOffset, rawOffset + rawLength)` with
 * `rawOffset` = their bare-LF count, and the wire form is written from `buffer[0]` on. The writer never passes
 * the reader (each CR added was made room for in front). Returns the wire bytes, a view of `buffer`.
 */
export function toWireInPlace(buffer: Buffer, rawOffset: number, rawLength: number): Buffer {
  if (rawOffset === 0) return replaceNulInPlace(buffer.subarray(0, rawLength));
  return replaceNulInPlace(expandBareLf(buffer, rawOffset, rawLength));
}

/**
 * Bare LF → CRLF in place, the raw bytes at `buffer[rawOffset, +rawLength)` with `rawOffset` their bare-LF count;
 * `previous` is the byte before them (-1: none, so an LF in front is bare). Moves runs with copyWithin: no
 * allocation per line.
 */
function expandBareLf(buffer: Buffer, rawOffset: number, rawLength: number, previous = -1): Buffer {
  const end = rawOffset + rawLength;
  let read = rawOffset;
  let write = 0;
  while (read < end) {
    const lf = buffer.indexOf(LF, read);
    const stop = lf < 0 || lf >= end ? end : lf;
    // the byte before this LF; a segment that starts at an LF follows the previous LF (or the start): bare
    const before = stop > read ? buffer[stop - 1] : read === rawOffset ? previous : LF;
    if (write !== read) buffer.copyWithin(write, read, stop);
    write += stop - read;
    if (stop === end) break;
    if (before !== CR) {
      if (write + 1 > stop) throw new Error('stored bare-LF count is too small for this range');
      buffer[write++] = CR;
    }
    buffer[write++] = LF;
    read = stop + 1;
  }
  return buffer.subarray(0, write);
}

function replaceNulInPlace(wire: Buffer): Buffer {
  for (let at = wire.indexOf(NUL); at >= 0; at = wire.indexOf(NUL, at + 1)) wire[at] = HIGH;
  return wire;
}

function scratch(size: number): Buffer {
  if (sharedScratch.length < size) sharedScratch = Buffer.allocUnsafeSlow(Math.max(size, 64 * 1024));
  return sharedScratch;
}

/** Converts bytes held in memory (header blocks). */
export function toWire(data: Buffer): Buffer {
  return new WireConverter().convert(data);
}

/** Bare LFs in a blob range (an LF at the very start counts as bare). */
export async function countBareLf(blobs: BlobStore, sha256: string, start: number, end: number): Promise<number> {
  if (end <= start) return 0;
  let count = 0;
  let previous = -1;
  for await (const chunk of blobs.open(sha256, { start, end }) as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(LF);
    while (at >= 0) {
      if ((at === 0 ? previous : chunk[at - 1]) !== CR) count++;
      at = chunk.indexOf(LF, at + 1);
    }
    previous = chunk[chunk.length - 1]!;
  }
  return count;
}

/**
 * An opened section: the blob stream, or pieces read synchronously into a scratch buffer (each valid until the
 * next is taken), and the conversion its chunks go through.
 */
export interface WireStream {
  stream: Readable | Iterable<Buffer>;
  convert(chunk: Buffer): Buffer;
}

/**
 * How a streamed literal's bytes are produced when it is written: a small section is read into memory in one
 * go (`load`), a large one streamed (`open`) so that memory does not grow with message size.
 */
export type WireSource =
  /** read into `into` (pooled by the caller, `bufferSize` bytes at least); the result may be a view of it */
  | { kind: 'small'; size: number; bufferSize: number; load(into: Buffer): Promise<Buffer>;
    /** the load reads synchronously: nothing is gained by starting it early, only memory held */
    immediate: boolean; }
  /** `scratch` (pooled by the caller) serves a synchronous read; a stream is opened otherwise */
  | { kind: 'large'; open(scratch: Buffer): WireStream };
