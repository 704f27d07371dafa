// SEARCH criteria (RFC 3501 §6.4.4, §9 "search-key"; RFC 7162 §3.1.5 MODSEQ; RFC 5032 YOUNGER/OLDER;
// RFC 5182 "$"): the AST and its parser. Synonyms are folded so the evaluator has few cases: FROM x is a
// header search, NEW is RECENT UNSEEN, OLD is NOT RECENT, UNSEEN is "\Seen not set".

import { CHAR, isDigit } from './chars.ts';
import type { Cursor } from './cursor.ts';
import { parseDate } from './date.ts';
import type { ImapDate } from './date.ts';
import { readFlag } from './flags.ts';
import { ParseError } from './parse-error.ts';
import type { SequenceSet } from './sequence-set.ts';

export type DateComparison = 'before' | 'on' | 'since';

export type SearchKey =
  | { type: 'all' }
  /** a system flag or keyword that must be set (`set: true`) or not set */
  | { type: 'flag'; flag: string; set: boolean }
  /** substring of a header field; an empty value matches every message that has the field */
  | { type: 'header'; field: string; value: string }
  | { type: 'body'; value: string }
  /** header or body */
  | { type: 'text'; value: string }
  | { type: 'internaldate'; comparison: DateComparison; date: ImapDate }
  /** the Date: header, time and zone disregarded */
  | { type: 'sentdate'; comparison: DateComparison; date: ImapDate }
  | { type: 'size'; comparison: 'larger' | 'smaller'; size: number }
  /** RFC 5032: INTERNALDATE within (younger) or before (older) the last `seconds` seconds */
  | { type: 'age'; comparison: 'younger' | 'older'; seconds: number }
  | { type: 'sequence'; set: SequenceSet }
  | { type: 'uid'; set: SequenceSet }
  /** RFC 7162 §3.1.5: MODSEQ at least `modseq`; `entry` names one flag's metadata item */
  | { type: 'modseq'; modseq: bigint; entry: { flag: string; kind: 'priv' | 'shared' | 'all' } | null }
  | { type: 'not'; key: SearchKey }
  | { type: 'or'; left: SearchKey; right: SearchKey }
  | { type: 'and'; keys: SearchKey[] };

/** Decodes a search string from its bytes using the command's CHARSET. */
export type StringDecoder = (bytes: Buffer) => string;

// Nesting deeper than this is refused; no real client comes close and it keeps the stack safe.
const MAX_DEPTH = 64;

type KeyReader = (c: Cursor, decode: StringDecoder, depth: number) => SearchKey;

const flagKey = (flag: string, set: boolean): KeyReader => () => ({ type: 'flag', flag, set });
const headerKey = (field: string): KeyReader => (c, decode) => {
  c.sp();
  return { type: 'header', field, value: decode(c.readAString('search string')) };
};
const dateKey = (type: 'internaldate' | 'sentdate', comparison: DateComparison): KeyReader => (c) => {
  c.sp();
  return { type, comparison, date: readSearchDate(c) };
};

const KEYS = new Map<string, KeyReader>([
  ['ALL', () => ({ type: 'all' })],
  ['ANSWERED', flagKey('\\Answered', true)],
  ['UNANSWERED', flagKey('\\Answered', false)],
  ['DELETED', flagKey('\\Deleted', true)],
  ['UNDELETED', flagKey('\\Deleted', false)],
  ['DRAFT', flagKey('\\Draft', true)],
  ['UNDRAFT', flagKey('\\Draft', false)],
  ['FLAGGED', flagKey('\\Flagged', true)],
  ['UNFLAGGED', flagKey('\\Flagged', false)],
  ['SEEN', flagKey('\\Seen', true)],
  ['UNSEEN', flagKey('\\Seen', false)],
  ['RECENT', flagKey('\\Recent', true)],
  ['OLD', flagKey('\\Recent', false)],
  ['NEW', () => ({ type: 'and', keys: [{ type: 'flag', flag: '\\Recent', set: true }, { type: 'flag', flag: '\\Seen', set: false }] })],
  ['KEYWORD', (c) => (c.sp(), { type: 'flag', flag: readFlag(c), set: true })],
  ['UNKEYWORD', (c) => (c.sp(), { type: 'flag', flag: readFlag(c), set: false })],
  ['BCC', headerKey('Bcc')],
  ['CC', headerKey('Cc')],
  ['FROM', headerKey('From')],
  ['SUBJECT', headerKey('Subject')],
  ['TO', headerKey('To')],
  ['HEADER', readHeaderKey],
  ['BODY', (c, decode) => (c.sp(), { type: 'body', value: decode(c.readAString('search string')) })],
  ['TEXT', (c, decode) => (c.sp(), { type: 'text', value: decode(c.readAString('search string')) })],
  ['BEFORE', dateKey('internaldate', 'before')],
  ['ON', dateKey('internaldate', 'on')],
  ['SINCE', dateKey('internaldate', 'since')],
  ['SENTBEFORE', dateKey('sentdate', 'before')],
  ['SENTON', dateKey('sentdate', 'on')],
  ['SENTSINCE', dateKey('sentdate', 'since')],
  ['LARGER', (c) => (c.sp(), { type: 'size', comparison: 'larger', size: c.readNumber('size') })],
  ['SMALLER', (c) => (c.sp(), { type: 'size', comparison: 'smaller', size: c.readNumber('size') })],
  ['YOUNGER', (c) => (c.sp(), { type: 'age', comparison: 'younger', seconds: c.readNzNumber('interval') })],
  ['OLDER', (c) => (c.sp(), { type: 'age', comparison: 'older', seconds: c.readNzNumber('interval') })],
  ['UID', (c) => (c.sp(), { type: 'uid', set: c.readSequenceSet('UID set') })],
  ['MODSEQ', readModSeqKey],
  ['NOT', (c, decode, depth) => (c.sp(), { type: 'not', key: readSearchKey(c, decode, depth + 1) })],
  ['OR', readOrKey],
]);

function readHeaderKey(c: Cursor, decode: StringDecoder): SearchKey {
  c.sp();
  const field = c.readAString('header field name').toString('latin1');
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(field)) c.fail(`invalid header field name "${field}"`);
  c.sp();
  return { type: 'header', field, value: decode(c.readAString('search string')) };
}

function readOrKey(c: Cursor, decode: StringDecoder, depth: number): SearchKey {
  c.sp();
  const left = readSearchKey(c, decode, depth + 1);
  c.sp();
  return { type: 'or', left, right: readSearchKey(c, decode, depth + 1) };
}

// RFC 7162 §3.1.5: MODSEQ [SP entry-name SP entry-type-req] SP mod-sequence-valzer,
// entry-name = DQUOTE "/flags/" attr-flag DQUOTE (RFC 7162 §7).
function readModSeqKey(c: Cursor): SearchKey {
  c.sp();
  let entry: { flag: string; kind: 'priv' | 'shared' | 'all' } | null = null;
  if (c.peek() === CHAR.DQUOTE) {
    const name = c.readQuoted().toString('latin1');
    const match = /^\/flags\/(\\?[^\s\\()]+)$/i.exec(name);
    if (!match) c.fail(`invalid MODSEQ entry name "${name}"`);
    c.sp();
    const kind = c.readKeyword('entry type').toLowerCase();
    if (kind !== 'priv' && kind !== 'shared' && kind !== 'all') c.fail(`invalid MODSEQ entry type "${kind}"`);
    entry = { flag: match[1], kind };
    c.sp();
  }
  return { type: 'modseq', modseq: c.readModSeq(true), entry };
}

/** date = date-text / DQUOTE date-text DQUOTE */
function readSearchDate(c: Cursor): ImapDate {
  const at = c.offset;
  const text = c.peek() === CHAR.DQUOTE ? c.readQuoted().toString('latin1') : c.readAtom('date');
  try {
    return parseDate(text);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    throw new ParseError(`${error.message} at position ${at}`, { offset: at });
  }
}

/** One search-key. */
export function readSearchKey(c: Cursor, decode: StringDecoder, depth = 0): SearchKey {
  if (depth > MAX_DEPTH) c.fail('search criteria nested too deeply');
  const b = c.peek();
  if (b === CHAR.LPAREN) {
    const keys = c.readList('search key list', () => readSearchKey(c, decode, depth + 1));
    return keys.length === 1 ? keys[0] : { type: 'and', keys };
  }
  if (isDigit(b) || b === CHAR.STAR || b === CHAR.DOLLAR) return { type: 'sequence', set: c.readSequenceSet() };
  const word = c.readKeyword('search key');
  const reader = KEYS.get(word);
  if (!reader) c.fail(`unknown search key ${word}`);
  return reader(c, decode, depth);
}

/** search-key *(SP search-key): the keys are ANDed. */
export function readSearchProgram(c: Cursor, decode: StringDecoder): SearchKey {
  const keys = [readSearchKey(c, decode)];
  while (c.maybeSp()) keys.push(readSearchKey(c, decode));
  return keys.length === 1 ? keys[0] : { type: 'and', keys };
}
