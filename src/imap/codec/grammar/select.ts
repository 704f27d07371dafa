// SELECT / EXAMINE mailbox [SP "(" select-param *(SP select-param) ")"] (RFC 3501 §6.3.1–6.3.2,
// RFC 4466 §2.1 select-params, RFC 7162 §3.1.8 CONDSTORE and §3.2.5 QRESYNC).

import { CHAR } from '../chars.ts';
import type { QresyncParameters } from '../commands.ts';
import type { Cursor } from '../cursor.ts';
import { readMailbox } from '../mailbox-name.ts';
import { hasStar } from '../sequence-set.ts';
import type { SequenceSet } from '../sequence-set.ts';
import type { CommandGrammar } from './grammar.ts';

// known-uids and the sets of seq-match-data may not use "*" (RFC 7162 §7).
function readSetWithoutStar(c: Cursor, what: string): SequenceSet {
  const set = c.readSequenceSet(what);
  if (set.kind === 'saved' || hasStar(set)) c.fail(`${what} must list explicit numbers`);
  return set;
}

// "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"
function readQresync(c: Cursor): QresyncParameters {
  c.sp('QRESYNC');
  c.expect(CHAR.LPAREN, '"(" to open QRESYNC parameters');
  const uidValidity = c.readNzNumber('UIDVALIDITY');
  c.sp('UIDVALIDITY');
  const modseq = c.readModSeq(false);
  let knownUids: SequenceSet | null = null;
  let sequenceMatch: QresyncParameters['sequenceMatch'] = null;
  if (c.maybeSp() && c.peek() !== CHAR.LPAREN) {
    knownUids = readSetWithoutStar(c, 'known UIDs');
    if (!c.maybeSp()) {
      c.expect(CHAR.RPAREN, '")" to close QRESYNC parameters');
      return { uidValidity, modseq, knownUids, sequenceMatch };
    }
  }
  if (c.consume(CHAR.LPAREN)) {
    const sequences = readSetWithoutStar(c, 'known sequence set');
    c.sp('known sequence set');
    const uids = readSetWithoutStar(c, 'known UID set');
    c.expect(CHAR.RPAREN, '")" to close sequence match data');
    sequenceMatch = { sequences, uids };
  }
  c.expect(CHAR.RPAREN, '")" to close QRESYNC parameters');
  return { uidValidity, modseq, knownUids, sequenceMatch };
}

export const selectGrammar: CommandGrammar = {
  names: ['SELECT', 'EXAMINE'],
  allowsUid: false,
  parse(c, { tag, utf8Accept }, name) {
    c.sp(name);
    const mailbox = readMailbox(c, utf8Accept);
    let condstore = false;
    let qresync: QresyncParameters | null = null;
    if (c.maybeSp()) {
      c.readList('select parameters', () => {
        const param = c.readKeyword('select parameter');
        if (param === 'CONDSTORE' && !condstore) condstore = true;
        else if (param === 'QRESYNC' && !qresync) qresync = readQresync(c);
        else c.fail(param === 'CONDSTORE' || param === 'QRESYNC' ? `${param} given twice` : `unknown select parameter ${param}`);
      });
    }
    return { tag, name: name as 'SELECT' | 'EXAMINE', mailbox, condstore, qresync };
  },
};
