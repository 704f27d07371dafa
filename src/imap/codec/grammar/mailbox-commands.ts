// Mailbox management: CREATE (RFC 3501 §6.3.3, RFC 6154 §3 USE), DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE
// (RFC 3501 §6.3.4–6.3.7).

import { CHAR } from '../chars.ts';
import type { Cursor } from '../cursor.ts';
import { readMailbox } from '../mailbox-name.ts';
import type { CommandGrammar } from './grammar.ts';

const SPECIAL_USE = ['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Junk', '\\Sent', '\\Trash'];
const CANONICAL_USE = new Map(SPECIAL_USE.map((u) => [u.toUpperCase(), u]));

// use-attr = "\All" / "\Archive" / "\Drafts" / "\Flagged" / "\Junk" / "\Sent" / "\Trash" / use-attr-ext
function readUseAttribute(c: Cursor): string {
  c.expect(CHAR.BACKSLASH, 'special-use attribute such as \\Sent');
  const name = `\\${c.readAtom('special-use attribute')}`;
  const canonical = CANONICAL_USE.get(name.toUpperCase());
  // RFC 6154 §3: an unknown attribute gets NO [USEATTR]; only the syntax is checked here.
  return canonical ?? name;
}

// create-param = "USE" SP "(" [use-attr *(SP use-attr)] ")"  (RFC 4466 §2.2 create-params)
function readCreateParameters(c: Cursor): string[] {
  const uses: string[] = [];
  c.readList('CREATE parameters', () => {
    const param = c.readKeyword('CREATE parameter');
    if (param !== 'USE') c.fail(`unknown CREATE parameter ${param}`);
    c.sp('USE');
    uses.push(...c.readList('special-use list', () => readUseAttribute(c), true));
  });
  return [...new Set(uses)];
}

export const createGrammar: CommandGrammar = {
  names: ['CREATE'],
  allowsUid: false,
  parse(c, { tag, utf8Accept }) {
    c.sp('CREATE');
    const mailbox = readMailbox(c, utf8Accept);
    const specialUse = c.maybeSp() ? readCreateParameters(c) : [];
    return { tag, name: 'CREATE', mailbox, specialUse };
  },
};

export const mailboxGrammar: CommandGrammar = {
  names: ['DELETE', 'SUBSCRIBE', 'UNSUBSCRIBE'],
  allowsUid: false,
  parse(c, { tag, utf8Accept }, name) {
    c.sp(name);
    return { tag, name: name as 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE', mailbox: readMailbox(c, utf8Accept) };
  },
};

export const renameGrammar: CommandGrammar = {
  names: ['RENAME'],
  allowsUid: false,
  parse(c, { tag, utf8Accept }) {
    c.sp('RENAME');
    const from = readMailbox(c, utf8Accept);
    c.sp('existing mailbox name');
    return { tag, name: 'RENAME', from, to: readMailbox(c, utf8Accept) };
  },
};
