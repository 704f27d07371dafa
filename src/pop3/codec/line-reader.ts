// Splits the client's byte stream into command lines. RFC 2449 §4: a command line is at most 255 octets
// including CRLF; a longer line is discarded up to its end and reported once, so the session answers -ERR
// for it and the next command is read normally (recovery without unbounded buffering).

export const COMMAND_LINE_LIMIT = 255;

export type LineEvent = { kind: 'line'; line: Buffer } | { kind: 'too-long' };

const LF = 0x0a;
const CR = 0x0d;

export class CommandLineReader {
  private buffer: Buffer = Buffer.alloc(0);
  private discarding = false;

  /** Adds bytes read from the connection. */
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** Bytes held that do not yet form a line (used to refuse plaintext injected before STLS, RFC 2595 §3.1). */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** Drops buffered input (after STLS the plaintext buffer must not be trusted). */
  clear(): void {
    this.buffer = Buffer.alloc(0);
    this.discarding = false;
  }

  /**
   * The next complete line without its line ending (CRLF or a lenient bare LF), or undefined when more input is
   * needed. `limit` counts the line ending too (the SASL exchange may allow longer lines than commands).
   */
  next(limit: number = COMMAND_LINE_LIMIT): LineEvent | undefined {
    const lf = this.buffer.indexOf(LF);
    if (lf < 0) {
      if (this.buffer.length >= limit) {
        this.discarding = true;
        this.buffer = Buffer.alloc(0);
      }
      return undefined;
    }
    const lineEnd = lf > 0 && this.buffer[lf - 1] === CR ? lf - 1 : lf;
    const line = this.buffer.subarray(0, lineEnd);
    this.buffer = this.buffer.subarray(lf + 1);
    if (this.discarding || lf + 1 > limit) {
      this.discarding = false;
      return { kind: 'too-long' };
    }
    return { kind: 'line', line };
  }
}
