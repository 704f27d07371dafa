// SASL data in IMAP: AUTHENTICATE's initial response (RFC 4959) and the client's continuation lines
// (RFC 3501 §6.2.2), both base64.

import type { Cursor } from '../cursor.ts';
import { ParseError } from '../parse-error.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 decoding: Buffer.from(…, 'base64') silently skips bad characters, which hides bugs. */
export function decodeBase64(text: string, what: string): Buffer {
  if (!BASE64.test(text)) throw new ParseError(`${what} is not valid base64`);
  return Buffer.from(text, 'base64');
}

/** A client response line during AUTHENTICATE: decoded data, or 'cancel' for "*" (RFC 3501 §6.2.2). */
export function parseSaslResponse(line: Buffer): Buffer | 'cancel' {
  const text = line.toString('latin1');
  if (text === '*') return 'cancel';
  return decodeBase64(text, 'authentication response');
}

/** RFC 4959: initial-response = base64 / "=" ("=" is an empty response). */
export function readInitialResponse(c: Cursor): Buffer {
  const at = c.offset;
  const text = c.readAtom('initial response');
  if (text === '=') return Buffer.alloc(0);
  try {
    return decodeBase64(text, 'initial response');
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    throw new ParseError(`${error.message} at position ${at}`, { offset: at });
  }
}
