// Multi-line response bodies in wire form (RFC 1939 §3): message bytes dot-stuffed as they stream from the blob
// store, TOP's cut of them, and scan listings (LIST, UIDL) sent in batches rather than built whole.
import type { Readable } from 'node:stream';
import { DotStuffer } from '../codec/dot-stuffer.ts';
import { TopFilter } from '../codec/top-filter.ts';

/** Stuffs and terminates a message body. */
export async function* stuffed(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const stuffer = new DotStuffer();
  for await (const chunk of source) yield* stuffer.stuff(chunk);
  yield stuffer.finish();
}

/** The header and the first `lines` body lines of a message (RFC 1939 §7); stops reading the blob when done. */
export async function* topOf(source: Readable, lines: number): AsyncGenerator<Buffer> {
  const filter = new TopFilter(lines);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const part = filter.filter(chunk);
      if (part.length > 0) yield part;
      if (filter.done) break;
    }
  } finally {
    source.destroy();
  }
}

const BATCH_BYTES = 32 * 1024;

/** Protocol lines (never starting with ".") batched into buffers, then the terminating "." line. */
export function* listingBody(lines: Iterable<string>): Generator<Buffer> {
  let batch: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    batch.push(line);
    bytes += line.length + 2;
    if (bytes >= BATCH_BYTES) {
      yield Buffer.from(`${batch.join('\r\n')}\r\n`, 'latin1');
      batch = [];
      bytes = 0;
    }
  }
  yield Buffer.from(batch.length > 0 ? `${batch.join('\r\n')}\r\n.\r\n` : '.\r\n', 'latin1');
}
