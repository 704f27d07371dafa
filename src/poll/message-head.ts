// The start of a message as the delivery needs it: the header block (for the catch-all split and the rules),
// read from memory or from the first chunks of a spooled message, and the message with some header fields cut
// out, streamed without holding the body in memory (DESIGN invariant 4).
import type { MessageContent } from '../endpoints/endpoint.ts';
import type { MessageSource } from '../store/ingest.ts';

/** A header block longer than this is read only this far (the rest stays in the message, untouched). */
export const HEAD_LIMIT = 256 * 1024;

function headerEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  if (crlf === -1) return lf === -1 ? -1 : lf + 2;
  return lf === -1 || crlf < lf ? crlf + 4 : lf + 2;
}

/** The header block (and possibly some body) of a message: at least up to the empty line, at most HEAD_LIMIT. */
export async function readHead(content: MessageContent): Promise<Buffer> {
  if (content.buffer) {
    const end = headerEnd(content.buffer.subarray(0, HEAD_LIMIT));
    return content.buffer.subarray(0, end === -1 ? Math.min(content.buffer.length, HEAD_LIMIT) : end);
  }
  // only the first chunks: a spooled message can be opened again by the delivery that follows
  const parts: Buffer[] = [];
  let size = 0;
  let end = -1;
  for await (const chunk of content.open()) {
    parts.push(chunk);
    size += chunk.length;
    end = headerEnd(Buffer.concat(parts).subarray(0, HEAD_LIMIT));
    if (end !== -1 || size >= HEAD_LIMIT) break;
  }
  const head = Buffer.concat(parts);
  return head.subarray(0, end === -1 ? Math.min(head.length, HEAD_LIMIT) : end);
}

/** The message without the given byte ranges (all inside the head); the original when there are none. */
export function withoutRanges(content: MessageContent, head: Buffer, ranges: ReadonlyArray<{ start: number; end: number }>): MessageSource {
  if (ranges.length === 0) return content.buffer ?? content.open();
  const kept: Buffer[] = [];
  let at = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    kept.push(head.subarray(at, range.start));
    at = range.end;
  }
  kept.push(head.subarray(at));
  const newHead = Buffer.concat(kept);
  if (content.buffer) return Buffer.concat([newHead, content.buffer.subarray(head.length)]);
  return (async function* () {
    yield newHead;
    let skip = head.length;
    for await (const chunk of content.open()) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      yield skip > 0 ? chunk.subarray(skip) : chunk;
      skip = 0;
    }
  })();
}
