// EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE uid-set (RFC 4315 §2.1).

import type { CommandGrammar } from './grammar.ts';

export const expungeGrammar: CommandGrammar = {
  names: ['EXPUNGE'],
  allowsUid: true,
  parse(c, { tag, uid }) {
    if (!uid) return { tag, name: 'EXPUNGE', uid, uids: null };
    c.sp('UID EXPUNGE');
    return { tag, name: 'EXPUNGE', uid, uids: c.readSequenceSet('UID set') };
  },
};
