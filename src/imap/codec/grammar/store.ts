// STORE sequence-set [SP "(" UNCHANGEDSINCE n ")"] SP (["+" / "-"] "FLAGS" [".SILENT"]) SP flags
// (RFC 3501 §6.4.6, RFC 4466 §2.5 store-modifiers, RFC 7162 §3.1.3 UNCHANGEDSINCE).

import { CHAR } from '../chars.ts';
import type { StoreOperation } from '../commands.ts';
import { readStoreFlags } from '../flags.ts';
import type { CommandGrammar } from './grammar.ts';

export const storeGrammar: CommandGrammar = {
  names: ['STORE'],
  allowsUid: true,
  parse(c, { tag, uid }) {
    c.sp('STORE');
    const sequence = c.readSequenceSet(uid ? 'UID set' : 'sequence set');
    c.sp('sequence set');
    let unchangedSince: bigint | null = null;
    if (c.peek() === CHAR.LPAREN) {
      c.readList('STORE modifiers', () => {
        const modifier = c.readKeyword('STORE modifier');
        if (modifier !== 'UNCHANGEDSINCE' || unchangedSince !== null) c.fail(`unexpected STORE modifier ${modifier}`);
        c.sp('UNCHANGEDSINCE');
        unchangedSince = c.readModSeq(true);
      });
      c.sp('STORE modifiers');
    }
    let operation: StoreOperation = 'set';
    if (c.consume(CHAR.PLUS)) operation = 'add';
    else if (c.consume(CHAR.MINUS)) operation = 'remove';
    const item = c.readKeyword('FLAGS, FLAGS.SILENT, +FLAGS or -FLAGS');
    if (item !== 'FLAGS' && item !== 'FLAGS.SILENT') c.fail(`expected FLAGS or FLAGS.SILENT, got ${item}`);
    c.sp(item);
    const flags = readStoreFlags(c);
    return { tag, name: 'STORE', uid, sequence, operation, silent: item === 'FLAGS.SILENT', flags, unchangedSince };
  },
};
