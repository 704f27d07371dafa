// BODY and TEXT searches read the decoded text of the message's text parts (text/* and message/* bodies, as
// Dovecot does), streamed from the blob store: transfer encoding undone, charset decoded, case folded.
import type { BodyStructure, MimeInfo } from '../../../mime/types.ts';
import type { BlobStore } from '../../../store/store.ts';
import { charsetDecoder, TransferDecoder } from './decode.ts';
import { TextMatcher } from './text-matcher.ts';

function* textParts(part: BodyStructure): Generator<BodyStructure> {
  if (part.children) {
    for (const child of part.children) yield* textParts(child);
  } else if (part.message) {
    yield* textParts(part.message.body);
  } else if (part.type.toLowerCase() === 'text' || part.type === '') {
    yield part;
  }
}

function charsetOf(part: BodyStructure): string | null {
  return part.params?.find(([name]) => name.toLowerCase() === 'charset')?.[1] ?? null;
}

/** Which of the (folded) needles occur in the decoded body text. */
export async function bodyNeedlesFound(blobs: BlobStore, sha256: string, mime: MimeInfo, needles: readonly string[]): Promise<Set<string>> {
  const matcher = new TextMatcher(needles);
  for (const part of textParts(mime.body)) {
    if (matcher.done) break;
    const { bodyStart, bodyEnd } = part.offsets;
    if (bodyEnd <= bodyStart) continue;
    matcher.reset();
    const transfer = new TransferDecoder(part.encoding);
    const text = charsetDecoder(charsetOf(part));
    for await (const chunk of blobs.open(sha256, { start: bodyStart, end: bodyEnd }) as AsyncIterable<Buffer>) {
      matcher.push(text.decode(transfer.push(chunk), { stream: true }));
      if (matcher.done) break;
    }
    matcher.push(text.decode(transfer.end()));
  }
  return matcher.found;
}
