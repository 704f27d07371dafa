// STATUS mailbox (status-att *(SP status-att)) (RFC 3501 §6.3.10); the item list is shared with
// LIST ... RETURN (STATUS (...)) (RFC 5819).

import type { StatusItem } from '../commands.ts';
import type { Cursor } from '../cursor.ts';
import { readMailbox } from '../mailbox-name.ts';
import type { CommandGrammar } from './grammar.ts';

const ITEMS = new Set<string>(['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'SIZE', 'DELETED', 'APPENDLIMIT']);

export function readStatusItems(c: Cursor): StatusItem[] {
  const items = c.readList('status items', () => {
    const item = c.readKeyword('status item');
    if (!ITEMS.has(item)) c.fail(`unknown status item ${item}`);
    return item as StatusItem;
  });
  return [...new Set(items)];
}

export const statusGrammar: CommandGrammar = {
  names: ['STATUS'],
  allowsUid: false,
  parse(c, { tag, utf8Accept }) {
    c.sp('STATUS');
    const mailbox = readMailbox(c, utf8Accept);
    c.sp('mailbox name');
    return { tag, name: 'STATUS', mailbox, items: readStatusItems(c) };
  },
};
