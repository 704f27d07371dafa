// Streaming dot-stuffing of a message body for RETR and TOP (RFC 1939 §3): a line that starts with "." is sent
// with one more "."; the body ends with CRLF "." CRLF. The bytes are otherwise passed as stored, byte for byte
// (8-bit, NUL, bare CR): a line starts after any LF, bare or not, which is how both our client and line-reading
// clients (poplib, fetchmail) undo it. A body without a final line ending gets CRLF before the terminator;
// the client removes it again by comparing with the size from LIST (see client/message-stream.ts).
import { Transform, type TransformCallback } from 'node:stream';

const LF = 0x0a;
const DOT = 0x2e;
const EXTRA_DOT = Buffer.from('.');
const TERMINATOR = Buffer.from('.\r\n');
const CRLF_TERMINATOR = Buffer.from('\r\n.\r\n');

/** The state machine on its own (no streams), so the fuzz test and the TOP path can drive it directly. */
export class DotStuffer {
  private atLineStart = true;

  /** The stuffed form of the next chunk, as slices of it with extra dots between them. */
  stuff(chunk: Buffer): Buffer[] {
    if (chunk.length === 0) return [];
    const out: Buffer[] = [];
    let from = 0;
    if (this.atLineStart && chunk[0] === DOT) out.push(EXTRA_DOT);
    let lf = chunk.indexOf(LF);
    while (lf >= 0 && lf + 1 < chunk.length) {
      if (chunk[lf + 1] === DOT) {
        out.push(chunk.subarray(from, lf + 1), EXTRA_DOT);
        from = lf + 1;
      }
      lf = chunk.indexOf(LF, lf + 1);
    }
    out.push(from === 0 ? chunk : chunk.subarray(from));
    this.atLineStart = chunk[chunk.length - 1] === LF;
    return out;
  }

  /** The terminator: ".\r\n" after a final line ending, otherwise "\r\n.\r\n" (RFC 1939 §3). */
  finish(): Buffer {
    return this.atLineStart ? TERMINATOR : CRLF_TERMINATOR;
  }
}

/** A Transform from raw message bytes to the stuffed, terminated multi-line body. */
export function createDotStuffer(): Transform {
  const stuffer = new DotStuffer();
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      for (const part of stuffer.stuff(chunk)) this.push(part);
      callback();
    },
    flush(callback: TransformCallback) {
      this.push(stuffer.finish());
      callback();
    },
  });
}
