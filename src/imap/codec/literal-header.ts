// Recognises the literal announcement at the end of a line (RFC 3501 §4.3 "{n}", RFC 7888 "{n+}",
// RFC 3516 §4.2 literal8 "~{n}"). Every line must be checked, because the bytes after it belong to the
// same command whatever the command is (RFC 7888 §3).

import { isDigit } from './chars.ts';

export interface LiteralHeader {
  /** offset of "{" (or of "~" for literal8) in the line: the text before it is the line's text part */
  start: number;
  /** announced size; Infinity when the number is too long to be a real size */
  size: number;
  /** "{n+}": the client will not wait for a continuation request */
  nonSync: boolean;
  /** "~{n}": a literal8, which may carry NUL bytes */
  binary: boolean;
}

// RFC 3501 §9: number = 1*DIGIT, an unsigned 32-bit integer. Longer digit strings are kept as "too big".
const MAX_DIGITS = 10;

/** The literal header ending `line` (which has no CRLF), or null when the line does not end with one. */
export function findLiteralHeader(line: Buffer): LiteralHeader | null {
  let end = line.length - 1;
  if (end < 2 || line[end] !== 0x7d) return null; // "}"
  end--;
  const nonSync = line[end] === 0x2b; // "+"
  if (nonSync) end--;
  let digitsStart = end;
  while (digitsStart >= 0 && isDigit(line[digitsStart])) digitsStart--;
  const digitCount = end - digitsStart;
  if (digitCount === 0 || digitsStart < 0 || line[digitsStart] !== 0x7b) return null; // "{"
  const binary = digitsStart > 0 && line[digitsStart - 1] === 0x7e; // "~"
  const digits = line.toString('latin1', digitsStart + 1, end + 1);
  const size = digitCount > MAX_DIGITS ? Infinity : Number(digits);
  return { start: binary ? digitsStart - 1 : digitsStart, size: size > 0xffffffff ? Infinity : size, nonSync, binary };
}
