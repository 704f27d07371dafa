import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  continuation,
  continuationData,
  encodeValue,
  joinChunks,
  tagged,
  untagged,
  untaggedStatus,
  untaggedWith,
} from '../../../src/imap/codec/response-writer.ts';
import * as codes from '../../../src/imap/codec/response-codes.ts';
import { NIL, astr, atom, dateTime, literal, literal8, mailboxName, nstr, rawStr, str, streamedLiteral } from '../../../src/imap/codec/wire-values.ts';
import type { WireValue } from '../../../src/imap/codec/wire-values.ts';

const wire = (value: WireValue, utf8Accept = false): string => joinChunks(encodeValue(value, { utf8Accept })).toString('latin1');

test('strings: atom, quoted or literal as the bytes require', () => {
  assert.equal(wire(astr('INBOX')), 'INBOX');
  assert.equal(wire(astr('')), '""');
  assert.equal(wire(astr('NIL')), '"NIL"');
  assert.equal(wire(astr('nil')), '"nil"');
  assert.equal(wire(astr('a b')), '"a b"');
  assert.equal(wire(astr('a%b')), '"a%b"');
  assert.equal(wire(astr('a]b')), 'a]b');
  assert.equal(wire(str('INBOX')), '"INBOX"');
  assert.equal(wire(str('say "hi" \\o/')), '"say \\"hi\\" \\\\o/"');
  assert.equal(wire(str('two\r\nlines')), '{10}\r\ntwo\r\nlines');
  assert.equal(wire(str(Buffer.from([0x61, 0x00, 0x62]))), '{3}\r\na\0b');
  assert.equal(wire(str('x'.repeat(2000))), `{2000}\r\n${'x'.repeat(2000)}`);
  assert.equal(wire(str('café')), '{5}\r\ncafé'.replace('é', '\xc3\xa9'));
  assert.equal(wire(str('café'), true), '"caf\xc3\xa9"');
  assert.equal(wire(nstr(null)), 'NIL');
  assert.equal(wire(NIL), 'NIL');
  assert.equal(wire(rawStr('Gr\xfc\xdfe')), '{5}\r\nGr\xfc\xdfe');
  assert.equal(wire(literal(Buffer.from('abc'))), '{3}\r\nabc');
  assert.equal(wire(literal8(Buffer.from([0, 1]))), '~{2}\r\n\0\x01');
});

test('numbers, lists and dates', () => {
  assert.equal(wire([1, 4294967295, 9223372036854775807n, [atom('\\Seen'), atom('$Junk')], []]), '(1 4294967295 9223372036854775807 (\\Seen $Junk) ())');
  assert.throws(() => wire(-1), /not an IMAP number/);
  assert.throws(() => atom('a\r\nb'), /CR or LF/);
  assert.equal(wire(dateTime(new Date('1996-07-17T09:44:25Z'), -420)), '"17-Jul-1996 02:44:25 -0700"');
});

test('mailbox names go out in modified UTF-7, or UTF-8 with UTF8=ACCEPT', () => {
  assert.equal(wire(mailboxName('INBOX')), 'INBOX');
  assert.equal(wire(mailboxName('Entwürfe')), 'Entw&APw-rfe');
  assert.equal(wire(mailboxName('A & B')), '"A &- B"');
  assert.equal(wire(mailboxName('~peter/mail/台北/日本語')), '~peter/mail/&U,BTFw-/&ZeVnLIqe-');
  assert.equal(wire(mailboxName('Entwürfe', { utf8Accept: true }), true), '"Entw\xc3\xbcrfe"');
});

test('status responses with codes', () => {
  assert.equal(tagged('a1', 'OK', 'LOGIN completed').toString(), 'a1 OK LOGIN completed\r\n');
  assert.equal(tagged('a2', 'OK', 'APPEND completed', codes.appendUid(38505, [3955])).toString(), 'a2 OK [APPENDUID 38505 3955] APPEND completed\r\n');
  assert.equal(tagged('a3', 'OK', 'Done', codes.copyUid(38505, [304, 319, 320, 321], [3956, 3957, 3958, 3959])).toString(), 'a3 OK [COPYUID 38505 304,319:321 3956:3959] Done\r\n');
  assert.equal(untaggedStatus('OK', 'UIDs valid', codes.uidValidity(3857529045)).toString(), '* OK [UIDVALIDITY 3857529045] UIDs valid\r\n');
  assert.equal(untaggedStatus('OK', 'Highest', codes.highestModSeq(715194045007n)).toString(), '* OK [HIGHESTMODSEQ 715194045007] Highest\r\n');
  assert.equal(untaggedStatus('OK', 'Limited', codes.permanentFlags(['\\Deleted', '\\Seen', '\\*'])).toString(), '* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n');
  assert.equal(tagged('t', 'NO', 'charset', codes.badCharset()).toString(), 't NO [BADCHARSET (UTF-8 US-ASCII)] charset\r\n');
  assert.equal(untaggedStatus('OK', '', codes.capability(['IMAP4rev1', 'LITERAL+'])).toString(), '* OK [CAPABILITY IMAP4rev1 LITERAL+]\r\n');
  assert.equal(tagged('d105', 'OK', 'Conditional STORE failed', codes.modified([7, 9])).toString(), 'd105 OK [MODIFIED 7,9] Conditional STORE failed\r\n');
  assert.equal(tagged('a', 'NO', 'x', codes.tryCreate()).toString(), 'a NO [TRYCREATE] x\r\n');
  assert.equal(tagged('a', 'BAD', 'line\r\nbreak').toString(), 'a BAD line break\r\n');
  assert.equal(untaggedStatus('BYE', 'Logging out').toString(), '* BYE Logging out\r\n');
  assert.equal(tagged('a', 'NO', 'x', codes.code('NOTSAVED')).toString(), 'a NO [NOTSAVED] x\r\n');
});

test('untagged data, continuation requests and streamed literals', () => {
  assert.equal(joinChunks(untagged(172, atom('EXISTS'))).toString(), '* 172 EXISTS\r\n');
  assert.equal(joinChunks(untagged(atom('LIST'), [atom('\\HasNoChildren')], str('/'), mailboxName('Entwürfe'))).toString(), '* LIST (\\HasNoChildren) "/" Entw&APw-rfe\r\n');
  assert.equal(
    joinChunks(untagged(12, atom('FETCH'), [atom('UID'), 5, atom('BODY[HEADER]'), literal(Buffer.from('A: b\r\n\r\n'))])).toString(),
    '* 12 FETCH (UID 5 BODY[HEADER] {8}\r\nA: b\r\n\r\n)\r\n',
  );
  assert.equal(joinChunks(untaggedWith({ utf8Accept: true }, atom('SEARCH'), 2, 3)).toString(), '* SEARCH 2 3\r\n');
  assert.equal(continuation().toString(), '+ Ready\r\n');
  assert.equal(continuationData(Buffer.alloc(0)).toString(), '+ \r\n');
  assert.equal(continuationData(Buffer.from('challenge')).toString(), '+ Y2hhbGxlbmdl\r\n');
  const source = { blob: 'abc' };
  const chunks = untagged(1, atom('FETCH'), [atom('BODY[]'), streamedLiteral(200_000_000, source)]);
  assert.equal(chunks.length, 3);
  assert.equal(chunks[0].toString(), '* 1 FETCH (BODY[] {200000000}\r\n');
  assert.ok(!Buffer.isBuffer(chunks[1]) && chunks[1].source === source);
  assert.equal(chunks[2].toString(), ')\r\n');
  assert.throws(() => joinChunks(chunks), /streamed literal/);
});
