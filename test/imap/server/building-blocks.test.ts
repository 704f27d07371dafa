// The IMAP server's pure building blocks on their own: section lookup, header-field filtering, wire conversion,
// search decoding and matching, LIST patterns, the sequence map, SASL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPart } from '../../../src/imap/server/fetch/sections.ts';
import { filterHeaderFields, headerFields } from '../../../src/imap/server/fetch/header-fields.ts';
import { WireConverter, toWire, toWireInPlace } from '../../../src/imap/server/fetch/wire-bytes.ts';
import { decodeHeaderValue, headerBytesToText, TransferDecoder } from '../../../src/imap/server/search/decode.ts';
import { TextMatcher } from '../../../src/imap/server/search/text-matcher.ts';
import { sentDay } from '../../../src/imap/server/search/sent-date.ts';
import { compilePattern } from '../../../src/imap/server/list/patterns.ts';
import { SelectedMailbox } from '../../../src/imap/server/selected-mailbox.ts';
import { saslMechanism } from '../../../src/imap/server/sasl.ts';
import { parseSequenceSet } from '../../../src/imap/codec/index.ts';
import type { BodyStructure } from '../../../src/mime/types.ts';

const leaf = (type: string, subtype: string): BodyStructure => ({
  type, subtype, params: null, id: null, description: null, encoding: '7bit', size: 0, offsets: { headerStart: 0, bodyStart: 0, bodyEnd: 0 },
});

test('section part numbers walk multiparts and encapsulated messages (RFC 3501 §6.4.5)', () => {
  const inner = { ...leaf('multipart', 'alternative'), children: [leaf('text', 'plain'), leaf('text', 'html')] };
  const rfc822 = { ...leaf('message', 'rfc822'), message: { envelope: {} as never, body: inner } };
  const root = { ...leaf('multipart', 'mixed'), children: [leaf('text', 'plain'), rfc822] };
  assert.equal(findPart(root, [1]), root.children[0]);
  assert.equal(findPart(root, [2]), rfc822);
  assert.equal(findPart(root, [2, 2]), inner.children[1]);
  assert.equal(findPart(root, [3]), null);
  const single = leaf('text', 'plain');
  assert.equal(findPart(single, [1]), single, 'a single-part message is its own part 1');
  assert.equal(findPart(single, [2]), null);
  assert.equal(findPart(single, [1, 1]), null);
});

test('header fields: folded lines, lines without a colon, NUL in names, Dovecot line endings', () => {
  const block = { fields: Buffer.from('From: a\r\nSubject: one\r\n two\r\nbroken line\r\nSubject\0x: nul\r\nTo: b'), terminated: false };
  assert.deepEqual([...headerFields(block.fields)].map((f) => f.name), ['From', 'Subject', 'broken line', 'Subject\0x', 'To']);
  assert.equal(filterHeaderFields(block, ['subject'], false).toString(), 'Subject: one\r\n two\r\nSubject\0x: nul\r\n\r\n');
  assert.equal(filterHeaderFields(block, ['SUBJECT'], true).toString(), 'From: a\r\nbroken line\r\nTo: b');
  assert.equal(filterHeaderFields({ ...block, terminated: true }, ['x'], true).toString().endsWith('To: b\r\n'), true);
});

test('wire conversion: bare LF becomes CRLF, NUL becomes 0x80, windows count converted bytes', () => {
  assert.equal(toWire(Buffer.from('a\nb\r\nc\0')).toString('latin1'), 'a\r\nb\r\nc\x80');
  const converter = new WireConverter(2, 4);
  const out = Buffer.concat([converter.convert(Buffer.from('a\n')), converter.convert(Buffer.from('\nbcd'))]);
  assert.equal(out.toString('latin1'), '\n\r\nb', 'bytes 2..5 of "a\\r\\n\\r\\nbcd"');
});

test('search decoding: encoded words, mixed 8-bit headers, transfer encodings across chunks', () => {
  assert.equal(decodeHeaderValue('=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= =?ISO-8859-1?B?4A==?= x'), 'Grüßeà x');
  assert.equal(headerBytesToText(Buffer.from([0x47, 0x72, 0xfc, 0xc3, 0xa9]).toString('latin1')), 'Grüé');
  const qp = new TransferDecoder('quoted-printable');
  assert.equal(Buffer.concat([qp.push(Buffer.from('Gr=C3=')), qp.push(Buffer.from('BC=\r\nsse')), qp.end()]).toString(), 'Grüsse');
  const b64 = new TransferDecoder('base64');
  assert.equal(Buffer.concat([b64.push(Buffer.from('aGVs\r\nbG')), b64.push(Buffer.from('8=')), b64.end()]).toString(), 'hello');
  const matcher = new TextMatcher(['world']);
  matcher.push('Hello Wor');
  matcher.push('LD!');
  assert.ok(matcher.found.has('world'), 'a match across two pieces');
  assert.equal(sentDay('Mon, 7 Feb 1994 21:52:25 -0800'), Math.floor(Date.UTC(1994, 1, 7) / 86_400_000));
  assert.equal(sentDay('garbage'), 0);
});

test('LIST patterns: * and %, reference, INBOX in any case', () => {
  assert.ok(compilePattern('', '*').matches('a/b/c'));
  assert.ok(compilePattern('', '%').matches('a'));
  assert.ok(!compilePattern('', '%').matches('a/b'));
  assert.ok(compilePattern('a/', '%').matches('a/b'));
  assert.ok(compilePattern('', 'inbox').matches('INBOX'));
  assert.ok(!compilePattern('', 'x.y').matches('xzy'), 'regular expression characters are literal');
});

test('the sequence map: EXPUNGE numbers count earlier removals (RFC 3501 §7.4.1)', () => {
  const mailbox = new SelectedMailbox({ id: 1, accountId: 1, name: 'INBOX', uidValidity: 1, uidNext: 10, highestModseq: 1, specialUse: null, subscribed: true }, { readOnly: false });
  mailbox.load([2, 4, 6, 8]);
  assert.deepEqual([...mailbox.indexes(parseSequenceSet('2:*'), false)], [1, 2, 3]);
  assert.deepEqual([...mailbox.indexes(parseSequenceSet('5:7'), true)], [2]);
  assert.deepEqual(mailbox.removeMessages([4, 8, 99]).sequences, [2, 3]);
  assert.equal(mailbox.seqOf(6), 2);
  mailbox.claimRecent({ from: 5, to: 10 });
  assert.deepEqual(mailbox.addMessages([6, 9]), [9]);
  assert.ok(mailbox.isRecent(9) && mailbox.isRecent(6) && !mailbox.isRecent(2));
});

test('SASL PLAIN and LOGIN', () => {
  const plain = saslMechanism('plain')!;
  assert.deepEqual(plain.start(Buffer.from('\0u\0p')), { kind: 'done', credentials: { authzid: '', user: 'u', password: 'p' } });
  assert.equal(plain.start(Buffer.from('nonsense')).kind, 'fail');
  const login = saslMechanism('LOGIN')!;
  assert.equal(login.start(null).kind, 'challenge');
  assert.equal(login.next(Buffer.from('u')).kind, 'challenge');
  assert.deepEqual(login.next(Buffer.from('p')), { kind: 'done', credentials: { authzid: '', user: 'u', password: 'p' } });
  assert.equal(saslMechanism('CRAM-MD5'), undefined);
});

test('in-place wire conversion equals the streaming converter on random bytes; a wrong count is refused', () => {
  const alphabet = [0x0a, 0x0d, 0x00, 0x41, 0x20];
  for (let round = 0; round < 500; round++) {
    const raw = Buffer.from(Array.from({ length: (round * 7) % 90 }, (_, i) => alphabet[(i * 31 + round * 17 + (i * i) % 7) % alphabet.length]!));
    const expected = toWire(raw);
    const bareLf = expected.length - raw.length;
    const buffer = Buffer.alloc(raw.length + bareLf + 8, 0xff);
    raw.copy(buffer, bareLf);
    assert.deepEqual(toWireInPlace(buffer, bareLf, raw.length), expected, `round ${round}`);
  }
  const buffer = Buffer.from('\n\n\nxx');
  assert.throws(() => toWireInPlace(buffer, 1, 4), /bare-LF count/);
});

test('the streaming converter gives the same bytes whatever the chunking, with or without a shared scratch buffer', () => {
  const alphabet = [0x0a, 0x0d, 0x00, 0x41, 0x0a];
  for (let round = 0; round < 300; round++) {
    const raw = Buffer.from(Array.from({ length: 5 + (round * 13) % 120 }, (_, i) => alphabet[(i * 7 + round * 3 + (i * i) % 5) % alphabet.length]!));
    const expected = toWire(raw);
    for (const transient of [false, true]) {
      const converter = new WireConverter(0, Infinity, transient);
      const pieces: Buffer[] = [];
      for (let at = 0, step = 1 + (round % 7); at < raw.length; at += step) pieces.push(Buffer.from(converter.convert(raw.subarray(at, at + step))));
      assert.deepEqual(Buffer.concat(pieces), expected, `round ${round}, transient ${transient}`);
    }
  }
});
