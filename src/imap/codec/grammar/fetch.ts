// FETCH sequence-set items [SP "(" fetch-modifier *(SP fetch-modifier) ")"] (RFC 3501 §6.4.5,
// RFC 4466 §2.4 fetch-modifiers, RFC 7162 §3.1.4 CHANGEDSINCE and §3.2.6 VANISHED).

import type { CommandGrammar } from './grammar.ts';
import { readFetchItems } from '../fetch-items.ts';

export const fetchGrammar: CommandGrammar = {
  names: ['FETCH'],
  allowsUid: true,
  parse(c, { tag, uid }) {
    c.sp('FETCH');
    const sequence = c.readSequenceSet(uid ? 'UID set' : 'sequence set');
    c.sp('sequence set');
    const { items, macro } = readFetchItems(c);
    let changedSince: bigint | null = null;
    let vanished = false;
    if (c.maybeSp()) {
      c.readList('FETCH modifiers', () => {
        const modifier = c.readKeyword('FETCH modifier');
        if (modifier === 'CHANGEDSINCE' && changedSince === null) {
          c.sp('CHANGEDSINCE');
          changedSince = c.readModSeq(false);
        } else if (modifier === 'VANISHED' && !vanished) {
          vanished = true;
        } else {
          c.fail(modifier === 'CHANGEDSINCE' || modifier === 'VANISHED' ? `${modifier} given twice` : `unknown FETCH modifier ${modifier}`);
        }
      });
      // RFC 7162 §3.2.6: VANISHED only in UID FETCH, and only together with CHANGEDSINCE.
      if (vanished && (!uid || changedSince === null)) c.fail('VANISHED needs UID FETCH and CHANGEDSINCE');
    }
    return { tag, name: 'FETCH', uid, sequence, items, macro, changedSince, vanished };
  },
};
