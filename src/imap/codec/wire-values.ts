// The values a server response is made of (RFC 3501 §4, §9), as data to be serialised by
// response-writer.ts. Build them with the small functions below rather than by hand.

import { encodeMailboxName } from '../../util/mutf7.ts';
import { formatDateTime } from './date.ts';

export interface AtomValue {
  kind: 'atom';
  /** written as is: keywords, flags, fetch item names such as BODY[HEADER]<0> */
  text: string;
}

export interface StringValue {
  kind: 'string';
  data: Buffer;
  /** an atom is allowed here (astring) and used when the bytes are atom-safe */
  astring: boolean;
}

export interface LiteralValue {
  kind: 'literal';
  data: Buffer;
  /** literal8 "~{n}" (RFC 3516 §4.2), for BINARY content that may hold NUL */
  binary: boolean;
}

/**
 * A literal whose bytes the caller writes itself (a 200 MB message streamed from the blob store). The
 * writer emits the "{size}\r\n" header and then hands this object back in the output at the place where
 * exactly `size` bytes must be written.
 */
export interface StreamedLiteralValue<Source = unknown> {
  kind: 'streamed-literal';
  size: number;
  binary: boolean;
  source: Source;
}

/** Values written back to back, without SP or parentheses: the grammar's "1*address" and "1*body". */
export interface RunValue {
  kind: 'run';
  items: WireValue[];
}

/** null is NIL; arrays are parenthesised lists; numbers and bigints are IMAP numbers. */
export type WireValue =
  | null
  | number
  | bigint
  | AtomValue
  | StringValue
  | LiteralValue
  | StreamedLiteralValue
  | RunValue
  | WireValue[];

export const NIL = null;

export function atom(text: string): AtomValue {
  if (/[\r\n]/.test(text)) throw new Error('an atom cannot contain CR or LF');
  return { kind: 'atom', text };
}

function bytesOf(value: string | Buffer): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/** string: quoted when it can be, literal otherwise (CR, LF, NUL, 8-bit without UTF8=ACCEPT, long). */
export function str(value: string | Buffer): StringValue {
  return { kind: 'string', data: bytesOf(value), astring: false };
}

/** astring: an atom when the text allows it, else like str(). */
export function astr(value: string | Buffer): StringValue {
  return { kind: 'string', data: bytesOf(value), astring: true };
}

/** nstring: NIL for null. */
export function nstr(value: string | Buffer | null): StringValue | null {
  return value === null ? null : str(value);
}

/** A string in the "binary" latin1 form the MIME types use for raw header bytes (src/mime/types.ts). */
export function rawStr(value: string | null): StringValue | null {
  return value === null ? null : str(Buffer.from(value, 'latin1'));
}

export function run(items: WireValue[]): RunValue {
  return { kind: 'run', items };
}

export function literal(data: Buffer): LiteralValue {
  return { kind: 'literal', data, binary: false };
}

export function literal8(data: Buffer): LiteralValue {
  return { kind: 'literal', data, binary: true };
}

export function streamedLiteral<Source>(size: number, source: Source, binary = false): StreamedLiteralValue<Source> {
  return { kind: 'streamed-literal', size, binary, source };
}

/**
 * A mailbox name (Unicode, "/" separated as the store keeps it) in modified UTF-7 (RFC 3501 §5.1.3), or
 * UTF-8 once the client enabled UTF8=ACCEPT (RFC 6855 §3). INBOX goes out as an atom.
 */
export function mailboxName(name: string, options: { utf8Accept?: boolean } = {}): StringValue {
  return astr(options.utf8Accept ? name : encodeMailboxName(name));
}

/** date-time, quoted (RFC 3501 §9): INTERNALDATE. */
export function dateTime(date: Date, offsetMinutes = 0): StringValue {
  return str(formatDateTime(date, offsetMinutes));
}
