// LIST with LIST-EXTENDED (RFC 3501 §6.3.8, RFC 5258 §3 and §6, RFC 6154 §2 SPECIAL-USE, RFC 5819
// STATUS return option) and LSUB (RFC 3501 §6.3.9).
//
// list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]

import { CHAR } from '../chars.ts';
import type { ListReturn, ListSelection } from '../commands.ts';
import type { Cursor } from '../cursor.ts';
import { decodePattern } from '../mailbox-name.ts';
import type { CommandGrammar } from './grammar.ts';
import { readStatusItems } from './status.ts';

function readSelection(c: Cursor): ListSelection {
  const selection: ListSelection = { subscribed: false, remote: false, recursiveMatch: false, specialUse: false };
  c.readList('LIST selection options', () => {
    const option = c.readKeyword('selection option');
    if (option === 'SUBSCRIBED') selection.subscribed = true;
    else if (option === 'REMOTE') selection.remote = true;
    else if (option === 'RECURSIVEMATCH') selection.recursiveMatch = true;
    else if (option === 'SPECIAL-USE') selection.specialUse = true;
    // RFC 5258 §3: unrecognised selection options MUST be refused with BAD.
    else c.fail(`unknown LIST selection option ${option}`);
  }, true);
  // RFC 5258 §3: RECURSIVEMATCH alone is not allowed; it modifies a base option.
  if (selection.recursiveMatch && !selection.subscribed && !selection.specialUse) {
    c.fail('RECURSIVEMATCH needs another selection option such as SUBSCRIBED');
  }
  return selection;
}

function readReturn(c: Cursor): ListReturn {
  const returns: ListReturn = { subscribed: false, children: false, specialUse: false, status: null };
  const word = c.readKeyword('RETURN');
  if (word !== 'RETURN') c.fail(`expected RETURN, got ${word}`);
  c.sp('RETURN');
  c.readList('LIST return options', () => {
    const option = c.readKeyword('return option');
    if (option === 'SUBSCRIBED') returns.subscribed = true;
    else if (option === 'CHILDREN') returns.children = true;
    else if (option === 'SPECIAL-USE') returns.specialUse = true;
    else if (option === 'STATUS') {
      c.sp('STATUS');
      returns.status = readStatusItems(c);
    } else c.fail(`unknown LIST return option ${option}`);
  }, true);
  return returns;
}

export const listGrammar: CommandGrammar = {
  names: ['LIST'],
  allowsUid: false,
  parse(c, { tag, utf8Accept }) {
    c.sp('LIST');
    let extended = false;
    let selection: ListSelection = { subscribed: false, remote: false, recursiveMatch: false, specialUse: false };
    if (c.peek() === CHAR.LPAREN) {
      extended = true;
      selection = readSelection(c);
      c.sp('selection options');
    }
    const reference = decodePattern(c.readAString('reference name'), utf8Accept);
    c.sp('reference name');
    let patterns: string[];
    if (c.peek() === CHAR.LPAREN) {
      extended = true;
      patterns = c.readList('mailbox patterns', () => decodePattern(c.readListMailbox(), utf8Accept));
    } else {
      patterns = [decodePattern(c.readListMailbox(), utf8Accept)];
    }
    let returns: ListReturn = { subscribed: false, children: false, specialUse: false, status: null };
    if (c.maybeSp()) {
      extended = true;
      returns = readReturn(c);
    }
    return { tag, name: 'LIST', reference, patterns, selection, returns, extended };
  },
};

export const lsubGrammar: CommandGrammar = {
  names: ['LSUB'],
  allowsUid: false,
  parse(c, { tag, utf8Accept }) {
    c.sp('LSUB');
    const reference = decodePattern(c.readAString('reference name'), utf8Accept);
    c.sp('reference name');
    return { tag, name: 'LSUB', reference, pattern: decodePattern(c.readListMailbox(), utf8Accept) };
  },
};
