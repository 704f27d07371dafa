// The bytes of one retrieved message. RFC 1939 §3 makes every multi-line body end with CRLF "." CRLF, so a
// server adds CRLF to a message that lacks a final line ending. When the size from LIST is known and the body
// came out exactly two octets longer and ends in CRLF, those two octets were added in transit and are removed,
// so the caller gets the message as the server holds it (checked against Dovecot and our own server).
import type { BodyQueue } from './body-queue.ts';

const CR = 0x0d;
const LF = 0x0a;

/** Passes the body through, holding back its last two bytes until the end decides whether they belong to it. */
export async function* trimAddedLineEnding(body: AsyncIterable<Buffer>, listedSize: number | undefined): AsyncGenerator<Buffer> {
  if (listedSize === undefined) {
    yield* body;
    return;
  }
  let total = 0;
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of body) {
    total += chunk.length;
    if (chunk.length >= 2) {
      if (tail.length > 0) yield tail;
      if (chunk.length > 2) yield chunk.subarray(0, chunk.length - 2);
      tail = chunk.subarray(chunk.length - 2);
      continue;
    }
    const joined = Buffer.concat([tail, chunk]);
    if (joined.length > 2) yield joined.subarray(0, joined.length - 2);
    tail = joined.length > 2 ? joined.subarray(joined.length - 2) : joined;
  }
  const added = total === listedSize + 2 && tail.length === 2 && tail[0] === CR && tail[1] === LF;
  if (!added && tail.length > 0) yield tail;
}

/** A message body the caller reads with `for await`, or drops unread with discard(). */
export interface Pop3MessageStream extends AsyncIterable<Buffer> {
  /** the message number it belongs to */
  readonly message: number;
  /** throws the body away unread (the connection still reads past it) */
  discard(): void;
}

export function messageStream(message: number, source: () => AsyncIterable<Buffer>, body: BodyQueue | null): Pop3MessageStream {
  return {
    message,
    discard: () => body?.discard(),
    [Symbol.asyncIterator]: () => source()[Symbol.asyncIterator](),
  };
}
