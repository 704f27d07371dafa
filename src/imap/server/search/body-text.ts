// BODY and TEXT searches read the message's text, streamed from the blob store: the decoded bodies of text
// parts (transfer encoding undone, charset decoded, case folded) for both, and for TEXT also the header of every
// MIME part and encapsulated message (the top-level header is searched through HeaderIndex), as Dovecot does.
import type { BodyStructure, MimeInfo } from '../../../mime/types.ts';
import type { SequentialReader } from '../fetch/sequential-reader.ts';
import { charsetDecoder, decodeHeaderValue, isSearchableEncoding, TransferDecoder } from './decode.ts';
import { TextMatcher } from './text-matcher.ts';

export interface TextFound {
  /** needles found in body text */
  body: Set<string>;
  /** needles found in body text or in a MIME header */
  text: Set<string>;
}

type Piece = { kind: 'header'; start: number; end: number } | { kind: 'body'; part: BodyStructure };

function isText(part: BodyStructure): boolean {
  const type = part.type.toLowerCase();
  return (type === 'text' || type === '') && isSearchableEncoding(part.encoding);
}

/** The pieces of a message in order; `top`: the part's header is a message header searched elsewhere. */
function* pieces(part: BodyStructure, top: boolean): Generator<Piece> {
  if (!top) yield { kind: 'header', start: part.offsets.headerStart, end: part.offsets.bodyStart };
  if (part.children) {
    for (const child of part.children) yield* pieces(child, false);
  } else if (part.message) {
    const inner = part.message.body;
    yield { kind: 'header', start: inner.offsets.headerStart, end: inner.offsets.bodyStart };
    yield* pieces(inner, true);
  } else if (isText(part)) {
    yield { kind: 'body', part };
  }
}

function charsetOf(part: BodyStructure): string | null {
  return part.params?.find(([name]) => name.toLowerCase() === 'charset')?.[1] ?? null;
}

/** Reads the message's pieces in offset order through `reader` (positioned at or before the first part). */
export async function findText(reader: SequentialReader, mime: MimeInfo, needles: { body: readonly string[]; text: readonly string[] }): Promise<TextFound> {
  const body = new TextMatcher(needles.body);
  const text = new TextMatcher(needles.text);
  for (const piece of pieces(mime.body, true)) {
    if (body.done && text.done) break;
    if (piece.kind === 'header') {
      if (text.done || piece.end <= piece.start) continue;
      const raw = (await reader.bytes(piece.start, piece.end)).toString('latin1');
      text.reset();
      text.push(decodeHeaderValue(raw.replace(/\r?\n([ \t])/g, '$1')));
      continue;
    }
    const { bodyStart, bodyEnd } = piece.part.offsets;
    if (bodyEnd <= bodyStart) continue;
    body.reset();
    text.reset();
    const transfer = new TransferDecoder(piece.part.encoding);
    const decoder = charsetDecoder(charsetOf(piece.part));
    const feed = (decoded: string) => {
      body.push(decoded);
      text.push(decoded);
    };
    for await (const chunk of reader.range(bodyStart, bodyEnd)) {
      feed(decoder.decode(transfer.push(chunk), { stream: true }));
    }
    feed(decoder.decode(transfer.end()));
  }
  return { body: body.found, text: text.found };
}
