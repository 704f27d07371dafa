// What a FETCH needs before any message is read (RFC 3501 §6.4.5): the items in answer order, whether the MIME
// structure or the message bytes are needed, and whether it sets \Seen.
import { fetchItemSetsSeen, type FetchCommand, type FetchItem } from '../../codec/index.ts';

export interface FetchPlan {
  items: FetchItem[];
  /** anything beyond UID, FLAGS, INTERNALDATE and MODSEQ */
  needsMime: boolean;
  /** RFC 3501 §6.4.5: BODY[...] without PEEK, RFC822 and RFC822.TEXT set \Seen */
  setsSeen: boolean;
  hasFlags: boolean;
  hasModseq: boolean;
}

const attribute = (name: 'UID' | 'MODSEQ'): FetchItem => ({ kind: 'attribute', name });

// Sizes and sections need the structure too: its offsets, and its count of bare LFs (sent as CRLF).
const WITHOUT_MIME = new Set<string>(['UID', 'FLAGS', 'INTERNALDATE', 'MODSEQ']);

function needsMime(item: FetchItem): boolean {
  return !(item.kind === 'attribute' && WITHOUT_MIME.has(item.name));
}

export function planFetch(command: FetchCommand, options: { readOnly: boolean; condstore: boolean }): FetchPlan {
  const items = [...command.items];
  const has = (name: string) => items.some((i) => i.kind === 'attribute' && i.name === name);
  // RFC 3501 §6.4.8: UID FETCH answers carry the UID even when not asked for
  if (command.uid && !has('UID')) items.unshift(attribute('UID'));
  // RFC 7162 §3.1.4: CHANGEDSINCE answers carry MODSEQ
  if (command.changedSince !== null && !has('MODSEQ')) items.push(attribute('MODSEQ'));
  return {
    items,
    needsMime: items.some(needsMime),
    setsSeen: !options.readOnly && items.some(fetchItemSetsSeen),
    hasFlags: has('FLAGS'),
    hasModseq: has('MODSEQ'),
  };
}
