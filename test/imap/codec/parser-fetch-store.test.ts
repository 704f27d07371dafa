import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchCommand } from '../../../src/imap/codec/commands.ts';
import { FETCH_MACROS, fetchItemResponseName, fetchItemSetsSeen } from '../../../src/imap/codec/fetch-items.ts';
import type { FetchItem } from '../../../src/imap/codec/fetch-items.ts';
import { parse, parseFails } from './helpers.ts';

function fetch(input: string): FetchCommand {
  const command = parse(input);
  assert.equal(command.name, 'FETCH');
  return command as FetchCommand;
}

const items = (text: string): FetchItem[] => fetch(`a FETCH 1 ${text}`).items;
const attr = (name: string): FetchItem => ({ kind: 'attribute', name } as FetchItem);

test('simple attributes and macros', () => {
  for (const name of ['ENVELOPE', 'FLAGS', 'INTERNALDATE', 'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'BODY', 'BODYSTRUCTURE', 'UID', 'MODSEQ']) {
    assert.deepEqual(items(name.toLowerCase()), [attr(name)], name);
  }
  for (const macro of ['ALL', 'FAST', 'FULL'] as const) {
    const command = fetch(`a FETCH 1:* ${macro}`);
    assert.equal(command.macro, macro);
    assert.deepEqual(command.items, FETCH_MACROS[macro]);
  }
  assert.deepEqual(FETCH_MACROS.FULL.map(fetchItemResponseName), ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY']);
});

test('BODY[section]<partial> in all its forms', () => {
  const cases: Array<[string, FetchItem, string]> = [
    ['BODY[]', { kind: 'body-section', peek: false, section: { part: [], text: null, fields: null }, partial: null }, 'BODY[]'],
    ['BODY.PEEK[]<0.1024>', { kind: 'body-section', peek: true, section: { part: [], text: null, fields: null }, partial: { start: 0, length: 1024 } }, 'BODY[]<0>'],
    ['BODY[HEADER]', { kind: 'body-section', peek: false, section: { part: [], text: 'HEADER', fields: null }, partial: null }, 'BODY[HEADER]'],
    ['body[text]<100.50>', { kind: 'body-section', peek: false, section: { part: [], text: 'TEXT', fields: null }, partial: { start: 100, length: 50 } }, 'BODY[TEXT]<100>'],
    ['BODY[1]', { kind: 'body-section', peek: false, section: { part: [1], text: null, fields: null }, partial: null }, 'BODY[1]'],
    ['BODY[4.2.2.1]', { kind: 'body-section', peek: false, section: { part: [4, 2, 2, 1], text: null, fields: null }, partial: null }, 'BODY[4.2.2.1]'],
    ['BODY[3.MIME]', { kind: 'body-section', peek: false, section: { part: [3], text: 'MIME', fields: null }, partial: null }, 'BODY[3.MIME]'],
    ['BODY[4.2.HEADER]', { kind: 'body-section', peek: false, section: { part: [4, 2], text: 'HEADER', fields: null }, partial: null }, 'BODY[4.2.HEADER]'],
    ['BODY.PEEK[HEADER.FIELDS (DATE FROM "X]Odd")]', { kind: 'body-section', peek: true, section: { part: [], text: 'HEADER.FIELDS', fields: ['DATE', 'FROM', 'X]Odd'] }, partial: null }, 'BODY[HEADER.FIELDS (DATE FROM "X]Odd")]'],
    ['BODY[1.HEADER.FIELDS.NOT (Received)]<0.10>', { kind: 'body-section', peek: false, section: { part: [1], text: 'HEADER.FIELDS.NOT', fields: ['Received'] }, partial: { start: 0, length: 10 } }, 'BODY[1.HEADER.FIELDS.NOT (Received)]<0>'],
    ['BINARY[1.2]', { kind: 'binary', peek: false, part: [1, 2], partial: null }, 'BINARY[1.2]'],
    ['BINARY.PEEK[]<5.5>', { kind: 'binary', peek: true, part: [], partial: { start: 5, length: 5 } }, 'BINARY[]<5>'],
    ['BINARY.SIZE[3]', { kind: 'binary-size', part: [3] }, 'BINARY.SIZE[3]'],
  ];
  for (const [text, expected, responseName] of cases) {
    const [item] = items(text);
    assert.deepEqual(item, expected, text);
    assert.equal(fetchItemResponseName(item), responseName, text);
  }
});

test('\\Seen is set by BODY[], RFC822 and RFC822.TEXT, not by PEEK or headers', () => {
  const seen = (text: string) => items(text).map(fetchItemSetsSeen);
  assert.deepEqual(seen('(BODY[] BODY.PEEK[] RFC822 RFC822.TEXT RFC822.HEADER FLAGS BINARY[1] BINARY.PEEK[1])'), [true, false, true, true, false, false, true, false]);
});

test('attribute lists, UID FETCH and CONDSTORE/QRESYNC modifiers', () => {
  const command = fetch('a UID FETCH 1:*,5 (UID FLAGS BODY.PEEK[HEADER.FIELDS (Subject)] MODSEQ) (CHANGEDSINCE 12345 VANISHED)');
  assert.equal(command.uid, true);
  assert.deepEqual(command.sequence, { kind: 'set', ranges: [{ from: 1, to: '*' }, { from: 5, to: 5 }] });
  assert.equal(command.items.length, 4);
  assert.equal(command.changedSince, 12345n);
  assert.equal(command.vanished, true);
  const plain = fetch('a FETCH 2:4 (FLAGS) (CHANGEDSINCE 1)');
  assert.equal(plain.changedSince, 1n);
  assert.equal(plain.vanished, false);
  parseFails('a FETCH 1 FLAGS (VANISHED)', /VANISHED needs UID FETCH and CHANGEDSINCE/);
  parseFails('a UID FETCH 1 FLAGS (VANISHED)', /VANISHED needs/);
  parseFails('a FETCH 1 FLAGS (CHANGEDSINCE 0)', /must not be 0/);
  parseFails('a FETCH 1 FLAGS (FOO)', /unknown FETCH modifier FOO/);
});

test('malformed FETCH gives ParseError', () => {
  parseFails('a FETCH 1', /expected SP/);
  parseFails('a FETCH x FLAGS', /expected sequence set/);
  parseFails('a FETCH 1 FOO', /unknown FETCH attribute FOO/);
  parseFails('a FETCH 1 ()', /empty FETCH attribute list/);
  parseFails('a FETCH 1 (FLAGS', /expected SP after an item/);
  parseFails('a FETCH 1 BODY[', /unknown section text|expected a FETCH attribute/);
  parseFails('a FETCH 1 BODY[MIME]', /MIME needs a section part/);
  parseFails('a FETCH 1 BODY[0]', /must not be 0/);
  parseFails('a FETCH 1 BODY[HEADER.FIELDS ()]', /empty header field list/);
  parseFails('a FETCH 1 BODY[HEADER.FIELDS (a:b)]', /invalid header field name/);
  parseFails('a FETCH 1 BODY[]<1.0>', /must not be 0/);
  parseFails('a FETCH 1 BODY[]<1>', /"\." in partial range/);
  parseFails('a FETCH 1 BODY.PEEK', /BODY.PEEK needs a section/);
  parseFails('a FETCH 1 FLAGSX', /unknown FETCH attribute/);
  parseFails('a FETCH 1:2:3 FLAGS', /too many ":"/);
  parseFails('a FETCH 1,,2 FLAGS', /expected a number/);
});

test('STORE: operations, .SILENT, flag lists, UNCHANGEDSINCE', () => {
  assert.deepEqual(parse('A003 STORE 2:4 +FLAGS (\\Deleted)'), {
    tag: 'A003', name: 'STORE', uid: false, sequence: { kind: 'set', ranges: [{ from: 2, to: 4 }] }, operation: 'add', silent: false, flags: ['\\Deleted'], unchangedSince: null,
  });
  const removal = parse('a UID STORE 1:* -FLAGS.SILENT \\seen $Junk');
  assert.ok(removal.name === 'STORE');
  assert.equal(removal.operation, 'remove');
  assert.equal(removal.silent, true);
  assert.deepEqual(removal.flags, ['\\Seen', '$Junk']);
  const clear = parse('a STORE 1 FLAGS ()');
  assert.ok(clear.name === 'STORE' && clear.operation === 'set' && clear.flags.length === 0);
  const conditional = parse('d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)');
  assert.ok(conditional.name === 'STORE');
  assert.equal(conditional.unchangedSince, 320162338n);
  const zero = parse('a STORE 1 (UNCHANGEDSINCE 0) FLAGS (\\Seen)');
  assert.ok(zero.name === 'STORE' && zero.unchangedSince === 0n);
  parseFails('a STORE 1 +FLAGS', /expected SP/);
  parseFails('a STORE 1 FLAGZ (\\Seen)', /expected FLAGS or FLAGS.SILENT/);
  parseFails('a STORE 1 FLAGS (\\Recent)', /\\Recent flag cannot be set/);
  parseFails('a STORE 1 (FOO 1) FLAGS ()', /unexpected STORE modifier FOO/);
  parseFails('a STORE 1 FLAGS (a b', /expected SP after an item/);
});
