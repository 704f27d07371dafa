// One message's FETCH data (RFC 3501 §7.4.2): metadata from the store row, ENVELOPE and BODYSTRUCTURE from the
// MIME structure computed at ingest, and sections as byte ranges streamed from the blob store when written.
import { fetchItemResponseName, formatDateTime, type FetchItem, type PartialRange, type Section } from '../../codec/index.ts';
import { formatBodyStructure, formatEnvelope } from '../../../mime/imap-format.ts';
import type { MimeInfo } from '../../../mime/types.ts';
import type { BlobStore } from '../../../store/store.ts';
import type { MessageMeta, MessageWithMime } from '../../../store/types.ts';
import { FetchLine } from './fetch-line.ts';
import { filterHeaderFields, readHeaderBlock } from './header-fields.ts';
import { sectionBytes } from './section-bytes.ts';
import { locateSection, wireSize, type SectionTarget } from './sections.ts';
import { toWire } from './wire-bytes.ts';

export type FetchedMessage = MessageMeta & Partial<Pick<MessageWithMime, 'mime'>>;

export interface ItemContext {
  blobs: BlobStore;
  recent: boolean;
}

function requireMime(message: FetchedMessage): MimeInfo {
  if (!message.mime) throw new Error(`FETCH planned without MIME structure for UID ${message.uid}`);
  return message.mime;
}

/** FLAGS as FETCH shows them, \Recent included when the message is recent for this session. */
export function flagList(flags: readonly string[], recent: boolean): string {
  return `(${(recent ? [...flags, '\\Recent'] : flags).join(' ')})`;
}

async function addSection(line: FetchLine, name: string, message: FetchedMessage, target: SectionTarget | null, partial: PartialRange | null, blobs: BlobStore): Promise<void> {
  if (!target) {
    line.literal(name, Buffer.alloc(0));
    return;
  }
  if (target.kind === 'header-fields') {
    const block = await readHeaderBlock(blobs, message.sha256, target.range.start, target.range.end);
    const filtered = toWire(filterHeaderFields(block, target.fields, target.exclude));
    line.literal(name, partial ? filtered.subarray(partial.start, partial.start + partial.length) : filtered);
    return;
  }
  const bytes = await sectionBytes(blobs, message.sha256, target.range, partial);
  if (bytes.size === 0) line.literal(name, Buffer.alloc(0));
  else line.streamed(name, bytes.size, bytes.source);
}

const WHOLE: Section = { part: [], text: null, fields: null };
const HEADER: Section = { part: [], text: 'HEADER', fields: null };
const TEXT: Section = { part: [], text: 'TEXT', fields: null };

async function addItem(line: FetchLine, item: FetchItem, message: FetchedMessage, context: ItemContext): Promise<void> {
  const name = fetchItemResponseName(item);
  if (item.kind === 'body-section') {
    return addSection(line, name, message, locateSection(requireMime(message), message.size, item.section), item.partial, context.blobs);
  }
  if (item.kind !== 'attribute') throw new Error('BINARY items are refused before any message is read');
  switch (item.name) {
    case 'UID':
      return line.item(name, String(message.uid));
    case 'FLAGS':
      return line.item(name, flagList(message.flags, context.recent));
    case 'INTERNALDATE':
      return line.item(name, `"${formatDateTime(message.internalDate)}"`);
    case 'RFC822.SIZE':
      return line.item(name, String(wireSize(message.size, message.mime)));
    case 'MODSEQ':
      return line.item(name, `(${message.modseq})`);
    case 'ENVELOPE':
      return line.item(name, formatEnvelope(requireMime(message).envelope));
    case 'BODY':
      return line.item(name, formatBodyStructure(requireMime(message).body, { extensible: false }));
    case 'BODYSTRUCTURE':
      return line.item(name, formatBodyStructure(requireMime(message).body, { extensible: true }));
    case 'RFC822':
      return addSection(line, name, message, locateSection(requireMime(message), message.size, WHOLE), null, context.blobs);
    case 'RFC822.HEADER':
      return addSection(line, name, message, locateSection(requireMime(message), message.size, HEADER), null, context.blobs);
    case 'RFC822.TEXT':
      return addSection(line, name, message, locateSection(requireMime(message), message.size, TEXT), null, context.blobs);
  }
}

export async function fetchResponse(seq: number, items: readonly FetchItem[], message: FetchedMessage, context: ItemContext, extra?: (line: FetchLine) => void) {
  const line = new FetchLine(seq);
  for (const item of items) await addItem(line, item, message, context);
  extra?.(line);
  return line.finish();
}
