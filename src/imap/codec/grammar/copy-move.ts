// COPY / MOVE sequence-set mailbox (RFC 3501 §6.4.7, RFC 6851 §3.1).

import { readMailbox } from '../mailbox-name.ts';
import type { CommandGrammar } from './grammar.ts';

export const copyMoveGrammar: CommandGrammar = {
  names: ['COPY', 'MOVE'],
  allowsUid: true,
  parse(c, { tag, uid, utf8Accept }, name) {
    c.sp(name);
    const sequence = c.readSequenceSet(uid ? 'UID set' : 'sequence set');
    c.sp('sequence set');
    return { tag, name: name as 'COPY' | 'MOVE', uid, sequence, mailbox: readMailbox(c, utf8Accept) };
  },
};
