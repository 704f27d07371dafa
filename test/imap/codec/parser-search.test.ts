import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SearchCommand } from '../../../src/imap/codec/commands.ts';
import type { SearchKey } from '../../../src/imap/codec/search-keys.ts';
import { frameAll, parse, parseFails } from './helpers.ts';
import { parseCommand } from '../../../src/imap/codec/parser.ts';

function search(input: string): SearchCommand {
  const command = parse(input);
  assert.equal(command.name, 'SEARCH');
  return command as SearchCommand;
}

const criteria = (keys: string): SearchKey => search(`a SEARCH ${keys}`).criteria;
const flag = (name: string, set: boolean): SearchKey => ({ type: 'flag', flag: name, set });

test('every RFC 3501 flag key', () => {
  const cases: Array<[string, SearchKey]> = [
    ['ALL', { type: 'all' }],
    ['ANSWERED', flag('\\Answered', true)],
    ['UNANSWERED', flag('\\Answered', false)],
    ['DELETED', flag('\\Deleted', true)],
    ['UNDELETED', flag('\\Deleted', false)],
    ['DRAFT', flag('\\Draft', true)],
    ['UNDRAFT', flag('\\Draft', false)],
    ['FLAGGED', flag('\\Flagged', true)],
    ['UNFLAGGED', flag('\\Flagged', false)],
    ['SEEN', flag('\\Seen', true)],
    ['unseen', flag('\\Seen', false)],
    ['RECENT', flag('\\Recent', true)],
    ['OLD', flag('\\Recent', false)],
    ['NEW', { type: 'and', keys: [flag('\\Recent', true), flag('\\Seen', false)] }],
    ['KEYWORD $Forwarded', flag('$Forwarded', true)],
    ['UNKEYWORD $Junk', flag('$Junk', false)],
  ];
  for (const [text, expected] of cases) assert.deepEqual(criteria(text), expected, text);
});

test('string, date, size and set keys', () => {
  const cases: Array<[string, SearchKey]> = [
    ['BCC x', { type: 'header', field: 'Bcc', value: 'x' }],
    ['CC "a b"', { type: 'header', field: 'Cc', value: 'a b' }],
    ['FROM "Smith"', { type: 'header', field: 'From', value: 'Smith' }],
    ['SUBJECT {5+}\r\nhello', { type: 'header', field: 'Subject', value: 'hello' }],
    ['TO bob', { type: 'header', field: 'To', value: 'bob' }],
    ['HEADER Message-ID "<x@y>"', { type: 'header', field: 'Message-ID', value: '<x@y>' }],
    ['HEADER X-Spam ""', { type: 'header', field: 'X-Spam', value: '' }],
    ['BODY cheese', { type: 'body', value: 'cheese' }],
    ['TEXT "café"', { type: 'text', value: 'café' }],
    ['BEFORE 1-Feb-1994', { type: 'internaldate', comparison: 'before', date: { year: 1994, month: 2, day: 1 } }],
    ['ON "01-feb-1994"', { type: 'internaldate', comparison: 'on', date: { year: 1994, month: 2, day: 1 } }],
    ['SINCE 29-Feb-2000', { type: 'internaldate', comparison: 'since', date: { year: 2000, month: 2, day: 29 } }],
    ['SENTBEFORE 1-Jan-2020', { type: 'sentdate', comparison: 'before', date: { year: 2020, month: 1, day: 1 } }],
    ['SENTON 1-Jan-2020', { type: 'sentdate', comparison: 'on', date: { year: 2020, month: 1, day: 1 } }],
    ['SENTSINCE 1-Jan-2020', { type: 'sentdate', comparison: 'since', date: { year: 2020, month: 1, day: 1 } }],
    ['LARGER 1024', { type: 'size', comparison: 'larger', size: 1024 }],
    ['SMALLER 0', { type: 'size', comparison: 'smaller', size: 0 }],
    ['YOUNGER 3600', { type: 'age', comparison: 'younger', seconds: 3600 }],
    ['OLDER 60', { type: 'age', comparison: 'older', seconds: 60 }],
    ['1:3,7', { type: 'sequence', set: { kind: 'set', ranges: [{ from: 1, to: 3 }, { from: 7, to: 7 }] } }],
    ['*', { type: 'sequence', set: { kind: 'set', ranges: [{ from: '*', to: '*' }] } }],
    ['$', { type: 'sequence', set: { kind: 'saved' } }],
    ['UID 5:*', { type: 'uid', set: { kind: 'set', ranges: [{ from: 5, to: '*' }] } }],
    ['UID $', { type: 'uid', set: { kind: 'saved' } }],
    ['MODSEQ 620162338', { type: 'modseq', modseq: 620162338n, entry: null }],
    ['MODSEQ 0', { type: 'modseq', modseq: 0n, entry: null }],
    ['MODSEQ "/flags/\\\\draft" all 620162338', { type: 'modseq', modseq: 620162338n, entry: { flag: '\\draft', kind: 'all' } }],
    ['MODSEQ "/flags/$Junk" priv 5', { type: 'modseq', modseq: 5n, entry: { flag: '$Junk', kind: 'priv' } }],
  ];
  for (const [text, expected] of cases) assert.deepEqual(criteria(text), expected, text);
});

test('NOT, OR, nested parentheses and implicit AND', () => {
  assert.deepEqual(criteria('NOT SEEN'), { type: 'not', key: flag('\\Seen', true) });
  assert.deepEqual(criteria('OR SEEN (FLAGGED OR DRAFT NOT 1:2)'), {
    type: 'or',
    left: flag('\\Seen', true),
    right: { type: 'and', keys: [flag('\\Flagged', true), { type: 'or', left: flag('\\Draft', true), right: { type: 'not', key: { type: 'sequence', set: { kind: 'set', ranges: [{ from: 1, to: 2 }] } } } }] },
  });
  assert.deepEqual(criteria('((SEEN))'), flag('\\Seen', true));
  assert.deepEqual(criteria('FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"'), {
    type: 'and',
    keys: [
      flag('\\Flagged', true),
      { type: 'internaldate', comparison: 'since', date: { year: 1994, month: 2, day: 1 } },
      { type: 'not', key: { type: 'header', field: 'From', value: 'Smith' } },
    ],
  });
});

test('CHARSET, UID SEARCH and ESEARCH RETURN options', () => {
  const utf8 = search('A283 SEARCH CHARSET UTF-8 TEXT {6}\r\nXXXXXX');
  assert.equal(utf8.charset, 'UTF-8');
  assert.equal(utf8.returnOptions, null);
  const uid = parse('a UID SEARCH RETURN (MIN MAX COUNT) CHARSET us-ascii UID 1:*');
  assert.ok(uid.name === 'SEARCH' && uid.uid);
  assert.deepEqual(uid.returnOptions, ['MIN', 'MAX', 'COUNT']);
  assert.equal(uid.charset, 'US-ASCII');
  assert.deepEqual(search('a SEARCH RETURN () ALL').returnOptions, ['ALL']);
  assert.deepEqual(search('a SEARCH RETURN (SAVE) FLAGGED').returnOptions, ['SAVE']);
  const bad = parseFails('a SEARCH CHARSET X-NOPE TEXT x', /unsupported charset X-NOPE/);
  assert.equal(bad.code, 'BADCHARSET');
  assert.equal(bad.tag, 'a');
});

test('a charset decodes search strings', () => {
  const raw = Buffer.concat([Buffer.from('a SEARCH CHARSET ISO-8859-1 SUBJECT {4}\r\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('\r\n')]);
  const event = frameAll(raw).find((e) => e.kind === 'command');
  assert.ok(event && event.kind === 'command');
  const command = parseCommand(event.command);
  assert.ok(command.name === 'SEARCH' && command.charset === 'ISO-8859-1');
  assert.deepEqual(command.criteria, { type: 'header', field: 'Subject', value: 'café' });
});

test('malformed SEARCH gives ParseError naming the problem', () => {
  parseFails('a SEARCH', /expected SP/);
  parseFails('a SEARCH FOO', /unknown search key FOO/);
  parseFails('a SEARCH OR SEEN', /expected SP/);
  parseFails('a SEARCH (SEEN', /expected SP after an item/);
  parseFails('a SEARCH ()', /empty search key list/);
  parseFails('a SEARCH BEFORE 32-Jan-2020', /invalid day 32/);
  parseFails('a SEARCH BEFORE 1-Foo-2020', /invalid month/);
  parseFails('a SEARCH LARGER x', /expected size/);
  parseFails('a SEARCH LARGER 99999999999', /too large/);
  parseFails('a SEARCH UID 0:5', /sequence number 0/);
  parseFails('a SEARCH MODSEQ "/flags/" all 5', /invalid MODSEQ entry name/);
  parseFails('a SEARCH MODSEQ "/flags/\\\\Seen" mine 5', /invalid MODSEQ entry type/);
  parseFails('a SEARCH MODSEQ 9223372036854775808', /too large/);
  parseFails('a SEARCH HEADER "a:b" x', /invalid header field name/);
  parseFails('a SEARCH RETURN (FOO) ALL', /unknown SEARCH return option FOO/);
  parseFails('a SEARCH ALL ', /expected search key/);
  parseFails(`a SEARCH ${'NOT '.repeat(100)}SEEN`, /nested too deeply/);
  parseFails(`a SEARCH ${'('.repeat(100)}SEEN${')'.repeat(100)}`, /nested too deeply/);
});
