// One message's FETCH data (RFC 3501 §7.4.2): metadata from the store row; ENVELOPE, BODY and BODYSTRUCTURE as
// formatted once (format-cache.ts) from the MIME structure computed at ingest; sections as byte ranges streamed
// from the blob store when the response is written. Only HEADER.FIELDS needs to read before answering.
import { fetchItemResponseName, formatDateTime, type FetchItem, type PartialRange, type Section } from '../../codec/index.ts';
import type { MimeInfo } from '../../../mime/types.ts';
import type { BlobStore } from '../../../store/store.ts';
import type { MessageFlags, MessageMeta, MessageWithMime } from '../../../store/types.ts';
import { FetchLine } from './fetch-line.ts';
import type { FormattedParts } from './format-cache.ts';
import { filterHeaderFields, readHeaderBlock } from './header-fields.ts';
import { sectionBytes, type SectionBytes } from './section-bytes.ts';
import { locateSection, type SectionTarget } from './sections.ts';
import { toWire } from './wire-bytes.ts';

/** A row as the plan read it: flags always; size, digest and dates when an item needs them; MIME when a section does. */
export type FetchedMessage = MessageFlags & Partial<Omit<MessageMeta, keyof MessageFlags>> & Partial<Pick<MessageWithMime, 'mime'>>;

export interface ItemContext {
  blobs: BlobStore;
  recent: boolean;
  /** formatted ENVELOPE / BODY / BODYSTRUCTURE and the bare-LF count, when known */
  parts: FormattedParts | undefined;
}

function requireMime(message: FetchedMessage): MimeInfo {
  if (!message.mime) throw new Error(`FETCH planned without MIME structure for UID ${message.uid}`);
  return message.mime;
}

function requireContent(message: FetchedMessage): MessageMeta {
  if (message.sha256 === undefined) throw new Error(`FETCH planned without size and digest for UID ${message.uid}`);
  return message as MessageMeta;
}

function requireParts(context: ItemContext, message: FetchedMessage): FormattedParts {
  if (!context.parts) throw new Error(`FETCH planned without formatted parts for UID ${message.uid}`);
  return context.parts;
}

/** FLAGS as FETCH shows them, \Recent included when the message is recent for this session. */
export function flagList(flags: readonly string[], recent: boolean): string {
  return `(${(recent ? [...flags, '\\Recent'] : flags).join(' ')})`;
}

function addBytes(line: FetchLine, name: string, bytes: SectionBytes): void {
  if (bytes.size === 0) line.literal(name, Buffer.alloc(0));
  else line.streamed(name, bytes.size, bytes.source);
}

async function addHeaderFields(line: FetchLine, name: string, message: MessageMeta, target: SectionTarget & { kind: 'header-fields' }, partial: PartialRange | null, blobs: BlobStore): Promise<void> {
  const block = await readHeaderBlock(blobs, message.sha256, target.range.start, target.range.end);
  const filtered = toWire(filterHeaderFields(block, target.fields, target.exclude));
  line.literal(name, partial ? filtered.subarray(partial.start, partial.start + partial.length) : filtered);
}

function addSection(line: FetchLine, name: string, message: MessageMeta, target: SectionTarget | null, partial: PartialRange | null, blobs: BlobStore): void | Promise<void> {
  if (!target) return line.literal(name, Buffer.alloc(0));
  if (target.kind === 'header-fields') return addHeaderFields(line, name, message, target, partial, blobs);
  const bytes = sectionBytes(blobs, message.sha256, target.range, partial);
  if (bytes instanceof Promise) return bytes.then((b) => addBytes(line, name, b));
  addBytes(line, name, bytes);
}

const HEADER: Section = { part: [], text: 'HEADER', fields: null };
const TEXT: Section = { part: [], text: 'TEXT', fields: null };

function isWholeMessage(item: FetchItem): boolean {
  return (item.kind === 'body-section' && item.section.part.length === 0 && item.section.text === null)
    || (item.kind === 'attribute' && item.name === 'RFC822');
}

function addItem(line: FetchLine, item: FetchItem, fetched: FetchedMessage, context: ItemContext): void | Promise<void> {
  const name = fetchItemResponseName(item);
  if (item.kind === 'attribute') {
    switch (item.name) {
      case 'UID':
        return line.item(name, String(fetched.uid));
      case 'FLAGS':
        return line.item(name, flagList(fetched.flags, context.recent));
      case 'MODSEQ':
        return line.item(name, `(${fetched.modseq})`);
      case 'ENVELOPE':
        return line.raw(name, requireParts(context, fetched).envelope);
      case 'BODY':
        return line.raw(name, requireParts(context, fetched).body);
      case 'BODYSTRUCTURE':
        return line.raw(name, requireParts(context, fetched).bodyStructure);
      default:
        break; // the rest need the full row
    }
  }
  const message = requireContent(fetched);
  if (isWholeMessage(item)) {
    // the whole message needs only its bare-LF count, which the row carries
    const bareLf = message.bareLf;
    const partial = item.kind === 'body-section' ? item.partial : null;
    return addSection(line, name, message, { kind: 'range', range: { start: 0, end: message.size, bareLf } }, partial, context.blobs);
  }
  if (item.kind === 'body-section') {
    return addSection(line, name, message, locateSection(requireMime(message), message.size, item.section), item.partial, context.blobs);
  }
  if (item.kind !== 'attribute') throw new Error('BINARY items are refused before any message is read');
  switch (item.name) {
    case 'INTERNALDATE':
      return line.item(name, `"${formatDateTime(message.internalDate)}"`);
    case 'RFC822.SIZE':
      return line.item(name, String(message.size + message.bareLf));
    case 'RFC822':
      return; // handled above
    case 'RFC822.HEADER':
      return addSection(line, name, message, locateSection(requireMime(message), message.size, HEADER), null, context.blobs);
    case 'RFC822.TEXT':
      return addSection(line, name, message, locateSection(requireMime(message), message.size, TEXT), null, context.blobs);
  }
}

/**
 * `* seq FETCH (...)` for one message; `extra` may append items (the FLAGS a \Seen change brought). Returns
 * synchronously unless a section has to be read first (HEADER.FIELDS, or a range whose bare LFs are unknown).
 */
export function fetchResponse(seq: number, items: readonly FetchItem[], message: FetchedMessage, context: ItemContext, extra?: (line: FetchLine) => void) {
  const line = new FetchLine(seq);
  const finish = () => {
    extra?.(line);
    return line.finish();
  };
  for (let i = 0; i < items.length; i++) {
    const pending = addItem(line, items[i]!, message, context);
    if (pending) return pending.then(async () => {
      for (let j = i + 1; j < items.length; j++) await addItem(line, items[j]!, message, context);
      return finish();
    });
  }
  return finish();
}
