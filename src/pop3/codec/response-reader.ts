// Client side: reads server responses from the byte stream, pull-style, with no I/O (RFC 1939 §3).
// A status line is "+OK", "-ERR" or "+" (RFC 5034 SASL continuation). After a +OK whose command has a
// multi-line answer, the caller says so with expectMultiline(); the body then comes out as data events,
// un-dot-stuffed byte for byte (8-bit, NUL, bare CR, bare LF all kept), until the terminating "." line.
// Chunk boundaries may fall anywhere, including between the dots and the CR LF of the terminator.
import { Pop3ProtocolError } from './errors.ts';

export interface StatusLine {
  kind: 'status';
  /** ok: +OK, err: -ERR, continue: "+ " SASL challenge */
  status: 'ok' | 'err' | 'continue';
  /** RFC 2449 §8 response code without brackets ("AUTH", "SYS/TEMP"), upper-case; null when none */
  code: string | null;
  /** the rest of the line after the status and code (a base64 challenge for "continue") */
  text: string;
}

export type ResponseEvent = StatusLine | { kind: 'data'; chunk: Buffer } | { kind: 'end' };

/** RFC 2449 §4 caps responses at 512 octets; some servers exceed it, so allow more but stay bounded. */
export const STATUS_LINE_LIMIT = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const LONE_CR = Buffer.from('\r');

type BodyState = 'line-start' | 'mid' | 'dot' | 'dot-cr';

export function parseStatusLine(line: string): StatusLine {
  const match = /^(\+OK|-ERR|\+)(?: (.*)|)$/is.exec(line);
  if (!match) throw new Pop3ProtocolError('response', `unexpected server response: ${line.slice(0, 80)}`);
  const indicator = match[1].toUpperCase();
  const rest = match[2] ?? '';
  const status = indicator === '+OK' ? 'ok' : indicator === '-ERR' ? 'err' : 'continue';
  if (status === 'continue') return { kind: 'status', status, code: null, text: rest };
  const coded = /^\[([^\]\s]{1,64})\] ?(.*)$/s.exec(rest);
  return coded
    ? { kind: 'status', status, code: coded[1].toUpperCase(), text: coded[2] }
    : { kind: 'status', status, code: null, text: rest };
}

export class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  private mode: 'status' | 'body' = 'status';
  private body: BodyState = 'line-start';

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** Bytes received but not yet returned as events. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** The status line just read began a multi-line response: read a body next. */
  expectMultiline(): void {
    if (this.mode !== 'status') throw new Pop3ProtocolError('response', 'a multi-line body is already being read');
    this.mode = 'body';
    this.body = 'line-start';
  }

  /** The next event, or undefined when more bytes are needed. Throws Pop3ProtocolError on a bad status line. */
  next(): ResponseEvent | undefined {
    return this.mode === 'status' ? this.nextStatus() : this.nextBody();
  }

  private nextStatus(): StatusLine | undefined {
    const lf = this.buffer.indexOf(LF);
    if (lf < 0) {
      if (this.buffer.length > STATUS_LINE_LIMIT) throw new Pop3ProtocolError('response', 'server response line too long');
      return undefined;
    }
    const end = lf > 0 && this.buffer[lf - 1] === CR ? lf - 1 : lf;
    const line = this.buffer.subarray(0, end).toString('utf8');
    this.buffer = this.buffer.subarray(lf + 1);
    return parseStatusLine(line);
  }

  private nextBody(): ResponseEvent | undefined {
    const buf = this.buffer;
    let pos = 0;
    // Dot and dot-CR states hold back bytes until the next byte says what they were.
    while (pos < buf.length) {
      const byte = buf[pos];
      if (this.body === 'line-start') {
        if (byte === DOT) {
          this.body = 'dot';
          pos += 1;
          continue;
        }
        this.body = 'mid';
        break;
      }
      if (this.body === 'dot') {
        if (byte === LF) return this.finishBody(pos + 1); // "." LF: lenient terminator
        if (byte === CR) {
          this.body = 'dot-cr';
          pos += 1;
          continue;
        }
        this.body = 'mid'; // the dot was stuffing: dropped
        break;
      }
      if (this.body === 'dot-cr') {
        if (byte === LF) return this.finishBody(pos + 1);
        // ".\r" then something else: the dot was stuffing, the CR is data
        this.body = 'mid';
        this.buffer = buf.subarray(pos);
        return { kind: 'data', chunk: LONE_CR };
      }
      break;
    }
    if (pos >= buf.length) {
      this.buffer = Buffer.alloc(0);
      return undefined;
    }
    // mid-line: take every following line that does not start with a dot as one slice
    const start = pos;
    let lf = buf.indexOf(LF, pos);
    while (lf >= 0 && lf + 1 < buf.length && buf[lf + 1] !== DOT) lf = buf.indexOf(LF, lf + 1);
    const end = lf < 0 ? buf.length : lf + 1;
    if (lf >= 0) this.body = 'line-start';
    this.buffer = buf.subarray(end);
    return { kind: 'data', chunk: buf.subarray(start, end) };
  }

  private finishBody(consumed: number): ResponseEvent {
    this.buffer = this.buffer.subarray(consumed);
    this.mode = 'status';
    return { kind: 'end' };
  }
}
