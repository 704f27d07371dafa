// What a FETCH needs before any message is read (RFC 3501 §6.4.5): the items in answer order, whether the
// formatted parts (ENVELOPE, BODY[STRUCTURE], sizes — usually cached) or the MIME structure itself (part
// offsets for sections) are needed, and whether it sets \Seen.
import { fetchItemSetsSeen, type FetchCommand, type FetchItem } from '../../codec/index.ts';

export interface FetchPlan {
  items: FetchItem[];
  /** ENVELOPE, BODY or BODYSTRUCTURE: the format cache can answer */
  needsParts: boolean;
  /** a section that needs part offsets: the MIME structure must be read */
  needsMime: boolean;
  /** size, digest or INTERNALDATE: the full row is read, not only the flags */
  needsContent: boolean;
  /** RFC 3501 §6.4.5: BODY[...] without PEEK, RFC822 and RFC822.TEXT set \Seen */
  setsSeen: boolean;
  hasFlags: boolean;
  hasModseq: boolean;
}

const attribute = (name: 'UID' | 'MODSEQ'): FetchItem => ({ kind: 'attribute', name });

// the whole message and its size need only the row (size and bare-LF count), what sync tools mostly ask for
const PLAIN = new Set<string>(['UID', 'FLAGS', 'INTERNALDATE', 'MODSEQ', 'RFC822.SIZE', 'RFC822']);
const FROM_PARTS = new Set<string>(['ENVELOPE', 'BODY', 'BODYSTRUCTURE']);
/** items answered from id, UID, MODSEQ and flags (with the format cache) */
const FLAGS_ROW = new Set<string>(['UID', 'FLAGS', 'MODSEQ', ...FROM_PARTS]);

function needOf(item: FetchItem): 'none' | 'parts' | 'mime' {
  if (item.kind === 'attribute') return PLAIN.has(item.name) ? 'none' : FROM_PARTS.has(item.name) ? 'parts' : 'mime';
  if (item.kind === 'body-section' && item.section.part.length === 0 && item.section.text === null) return 'none';
  return 'mime';
}

export function planFetch(command: FetchCommand, options: { readOnly: boolean }): FetchPlan {
  const items = [...command.items];
  const has = (name: string) => items.some((i) => i.kind === 'attribute' && i.name === name);
  // RFC 3501 §6.4.8: UID FETCH answers carry the UID even when not asked for
  if (command.uid && !has('UID')) items.unshift(attribute('UID'));
  // RFC 7162 §3.1.4: CHANGEDSINCE answers carry MODSEQ
  if (command.changedSince !== null && !has('MODSEQ')) items.push(attribute('MODSEQ'));
  const needs = items.map(needOf);
  return {
    items,
    needsParts: needs.includes('parts'),
    needsMime: needs.includes('mime'),
    needsContent: items.some((i) => i.kind !== 'attribute' || !FLAGS_ROW.has(i.name)),
    setsSeen: !options.readOnly && items.some(fetchItemSetsSeen),
    hasFlags: has('FLAGS'),
    hasModseq: has('MODSEQ'),
  };
}
