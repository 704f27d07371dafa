// Serialises server responses (RFC 3501 §7, §9 "response"): tagged and untagged status responses,
// untagged data, continuation requests. Strings become atoms, quoted strings or literals as their bytes
// require. Output is a list of Buffers, with streamed literals left in place for the caller to fill.

import { ASTRING_CHAR } from './chars.ts';
import type { ResponseCode } from './response-codes.ts';
import type { StreamedLiteralValue, StringValue, WireValue } from './wire-values.ts';

export interface WriterOptions {
  /** UTF8=ACCEPT enabled (RFC 6855 §3): 8-bit text may go in quoted strings */
  utf8Accept?: boolean;
}

export type OutputChunk = Buffer | StreamedLiteralValue;

export type StatusCondition = 'OK' | 'NO' | 'BAD' | 'PREAUTH' | 'BYE';

// Longer strings go as literals: easier on clients' line buffers, and cheaper than escaping.
const MAX_QUOTED = 1024;
const CRLF = '\r\n';

class Output {
  readonly chunks: OutputChunk[] = [];
  private text = '';

  write(text: string): void {
    this.text += text;
  }

  writeBytes(bytes: Buffer): void {
    this.flush();
    this.chunks.push(bytes);
  }

  writeStreamed(value: StreamedLiteralValue): void {
    this.flush();
    this.chunks.push(value);
  }

  finish(): OutputChunk[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.text.length > 0) this.chunks.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
}

function isAtomSafe(data: Buffer): boolean {
  if (data.length === 0) return false;
  for (const b of data) if (ASTRING_CHAR[b] !== 1) return false;
  // An atom NIL would read as NIL, not as the string "NIL".
  return !(data.length === 3 && data.toString('latin1').toUpperCase() === 'NIL');
}

function canQuote(data: Buffer, utf8Accept: boolean): boolean {
  if (data.length > MAX_QUOTED) return false;
  for (const b of data) {
    if (b === 0 || b === 0x0d || b === 0x0a) return false;
    if (b >= 0x80 && !utf8Accept) return false;
  }
  return true;
}

function writeString(value: StringValue, out: Output, options: WriterOptions): void {
  const { data } = value;
  if (value.astring && isAtomSafe(data)) {
    out.write(data.toString('latin1'));
  } else if (canQuote(data, options.utf8Accept ?? false)) {
    const escaped = data.includes(0x22) || data.includes(0x5c);
    out.write('"');
    if (escaped) out.writeBytes(Buffer.from(data.toString('latin1').replace(/["\\]/g, '\\$&'), 'latin1'));
    else out.writeBytes(data);
    out.write('"');
  } else {
    out.write(`{${data.length}}${CRLF}`);
    out.writeBytes(data);
  }
}

function writeValue(value: WireValue, out: Output, options: WriterOptions): void {
  if (value === null) return out.write('NIL');
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw new Error(`not an IMAP number: ${value}`);
    return out.write(String(value));
  }
  if (typeof value === 'bigint') return out.write(value.toString());
  if (Array.isArray(value)) {
    out.write('(');
    value.forEach((item, i) => {
      if (i > 0) out.write(' ');
      writeValue(item, out, options);
    });
    return out.write(')');
  }
  switch (value.kind) {
    case 'atom':
      return out.write(value.text);
    case 'string':
      return writeString(value, out, options);
    case 'literal':
      out.write(`${value.binary ? '~' : ''}{${value.data.length}}${CRLF}`);
      return out.writeBytes(value.data);
    case 'run':
      for (const item of value.items) writeValue(item, out, options);
      return;
    case 'streamed-literal':
      out.write(`${value.binary ? '~' : ''}{${value.size}}${CRLF}`);
      return out.writeStreamed(value);
  }
}

/** Serialises one value on its own (a list item, a code argument). */
export function encodeValue(value: WireValue, options: WriterOptions = {}): OutputChunk[] {
  const out = new Output();
  writeValue(value, out, options);
  return out.finish();
}

// resp-text = ["[" resp-text-code "]" SP] text; text may not hold CR or LF.
function writeResponseText(out: Output, text: string, code: ResponseCode | undefined, options: WriterOptions): void {
  if (code) {
    out.write(` [${code.name}`);
    for (const arg of code.args) {
      out.write(' ');
      writeValue(arg, out, options);
    }
    out.write(']');
  }
  const clean = text.replace(/[\r\n]+/g, ' ');
  if (clean.length > 0) out.write(` ${clean}`);
  out.write(CRLF);
}

/** "tag OK [code] text" */
export function tagged(tag: string, condition: 'OK' | 'NO' | 'BAD', text: string, code?: ResponseCode, options: WriterOptions = {}): Buffer {
  const out = new Output();
  out.write(`${tag} ${condition}`);
  writeResponseText(out, text, code, options);
  return Buffer.concat(out.finish() as Buffer[]);
}

/** "* OK [code] text" (also NO, BAD, PREAUTH, BYE) */
export function untaggedStatus(condition: StatusCondition, text: string, code?: ResponseCode, options: WriterOptions = {}): Buffer {
  const out = new Output();
  out.write(`* ${condition}`);
  writeResponseText(out, text, code, options);
  return Buffer.concat(out.finish() as Buffer[]);
}

/** "* " values joined by SP, CRLF: untagged(5, atom('EXISTS')), untagged(atom('FLAGS'), [atom('\\Seen')]). */
export function untagged(...values: WireValue[]): OutputChunk[] {
  return untaggedWith({}, ...values);
}

export function untaggedWith(options: WriterOptions, ...values: WireValue[]): OutputChunk[] {
  const out = new Output();
  out.write('*');
  for (const value of values) {
    out.write(' ');
    writeValue(value, out, options);
  }
  out.write(CRLF);
  return out.finish();
}

/** "+ text" continuation request (RFC 3501 §7.5), e.g. before a literal. */
export function continuation(text = 'Ready'): Buffer {
  return Buffer.from(`+ ${text.replace(/[\r\n]+/g, ' ')}${CRLF}`, 'utf8');
}

/** "+ base64" SASL challenge (RFC 3501 §6.2.2); an empty challenge is "+ " with nothing after it. */
export function continuationData(challenge: Buffer): Buffer {
  return Buffer.from(`+ ${challenge.toString('base64')}${CRLF}`, 'latin1');
}

/** Joins chunks into one Buffer; throws when a streamed literal is among them. */
export function joinChunks(chunks: OutputChunk[]): Buffer {
  return Buffer.concat(
    chunks.map((chunk) => {
      if (Buffer.isBuffer(chunk)) return chunk;
      throw new Error('joinChunks: output holds a streamed literal');
    }),
  );
}
