// Header blocks read the way Dovecot reads them for HEADER.FIELDS(.NOT) (RFC 3501 §6.4.5) and header SEARCH
// (RFC 3501 §6.4.4): from the header's start to the first blank line (or the end of the part when there is
// none); a line without a colon is a field named by the whole line; a continuation line at the very start is
// a field of its own; names compare case-insensitively up to a NUL, as C strings do.
import type { BlobStore } from '../../../store/store.ts';

export interface HeaderBlock {
  /** the field lines, without the blank line */
  fields: Buffer;
  /** the block ended with a blank line (else it ran to the end of the part) */
  terminated: boolean;
}

export interface HeaderField {
  name: string;
  /** the field's bytes with its folded lines and line ends, as stored */
  raw: Buffer;
}

const LF = 0x0a;
const CR = 0x0d;

/** Index just past the blank line ending a header block that starts at 0, or -1 when there is none (yet). */
function blankLineEnd(data: Buffer, from: number): { fieldsEnd: number; end: number } | null {
  let lineStart = from;
  while (lineStart < data.length) {
    if (data[lineStart] === LF) return { fieldsEnd: lineStart, end: lineStart + 1 };
    if (data[lineStart] === CR && data[lineStart + 1] === LF) return { fieldsEnd: lineStart, end: lineStart + 2 };
    const lf = data.indexOf(LF, lineStart);
    if (lf < 0) return null;
    lineStart = lf + 1;
  }
  return null;
}

/** Reads a header block starting at `start`, at most up to `end` (and `limit` bytes). */
export function readHeaderBlock(blobs: BlobStore, sha256: string, start: number, end: number, limit = 8 * 1024 * 1024): Promise<HeaderBlock> {
  const stop = Math.min(end, start + limit);
  if (stop <= start) return Promise.resolve({ fields: Buffer.alloc(0), terminated: false });
  return headerBlockFrom(blobs.open(sha256, { start, end: stop }) as AsyncIterable<Buffer>);
}

/** The header block at the start of `chunks`; stops reading at its blank line. */
export async function headerBlockFrom(chunks: AsyncIterable<Buffer>): Promise<HeaderBlock> {
  let data: Buffer = Buffer.alloc(0);
  let scanned = 0;
  for await (const chunk of chunks) {
    data = data.length === 0 ? chunk : Buffer.concat([data, chunk]);
    const found = blankLineEnd(data, scanned);
    if (found) return { fields: data.subarray(0, found.fieldsEnd), terminated: true };
    // resume at the start of the last (incomplete) line
    const lastLf = data.lastIndexOf(LF);
    scanned = lastLf < 0 ? 0 : lastLf + 1;
  }
  return { fields: data, terminated: false };
}

export function* headerFields(fields: Buffer): Generator<HeaderField> {
  let start = 0;
  while (start < fields.length) {
    let end = fields.indexOf(LF, start);
    end = end < 0 ? fields.length : end + 1;
    // continuation lines (starting with SP or HT) belong to this field
    while (end < fields.length && (fields[end] === 0x20 || fields[end] === 0x09)) {
      const next = fields.indexOf(LF, end);
      end = next < 0 ? fields.length : next + 1;
    }
    const raw = fields.subarray(start, end);
    start = end;
    const colon = raw.indexOf(0x3a);
    const nameEnd = colon >= 0 ? colon : raw.length - (raw[raw.length - 1] === LF ? (raw[raw.length - 2] === CR ? 2 : 1) : 0);
    yield { name: raw.toString('latin1', 0, nameEnd).replace(/[ \t]+$/, ''), raw };
  }
}

/** The name as Dovecot compares it: case-insensitive, up to the first NUL. */
export function comparableName(name: string): string {
  const nul = name.indexOf('\0');
  return (nul >= 0 ? name.slice(0, nul) : name).toLowerCase();
}

/**
 * HEADER.FIELDS and HEADER.FIELDS.NOT as Dovecot answers them: the positive list always ends its lines and adds
 * the blank line; the negative list is the header as stored minus the named fields, with the blank line only
 * when the header had one.
 */
export function filterHeaderFields(block: HeaderBlock, names: readonly string[], exclude: boolean): Buffer {
  const wanted = new Set(names.map(comparableName));
  const kept: Buffer[] = [];
  for (const field of headerFields(block.fields)) {
    if (wanted.has(comparableName(field.name)) === exclude) continue;
    kept.push(field.raw);
    if (!exclude && field.raw[field.raw.length - 1] !== LF) kept.push(Buffer.from('\r\n'));
  }
  if (!exclude || block.terminated) kept.push(Buffer.from('\r\n'));
  return Buffer.concat(kept);
}
