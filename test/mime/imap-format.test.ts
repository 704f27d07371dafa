// Wire-syntax choices, checked on bytes alone (the Dovecot oracle test checks them on the whole corpus).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBodyStructure, formatEnvelope } from '../../src/mime/imap-format.ts';
import { imapNString, imapNStringNoLf, imapStringForHumans } from '../../src/mime/imap-strings.ts';
import { loadCorpus, scan } from './corpus.ts';

test('nstring: quoted with up to four escapes, literal for more, for CR/LF and for 8-bit bytes', () => {
  assert.equal(imapNString(null), 'NIL');
  assert.equal(imapNString(''), '""');
  assert.equal(imapNString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(imapNString('""""'), '"\\"\\"\\"\\""');
  assert.equal(imapNString('"""""'), '{5}\r\n"""""');
  assert.equal(imapNString('caf\xe9'), '{4}\r\ncaf\xe9');
  assert.equal(imapNString('a\nb'), '{3}\r\na\nb');
});

test('nolf: folds are removed, a space kept where the next line had none', () => {
  assert.equal(imapNStringNoLf('<a@x>\n\t<b@x>'), '"<a@x>\t<b@x>"');
  assert.equal(imapNStringNoLf('one\ntwo'), '"one two"');
  assert.equal(imapNStringNoLf('end\n'), '"end"');
});

test('text for humans: whitespace collapsed and trimmed, literal when anything changed', () => {
  assert.equal(imapStringForHumans('plain words'), '"plain words"');
  assert.equal(imapStringForHumans('  spaced   out  '), '{10}\r\nspaced out');
  assert.equal(imapStringForHumans('\t \r\n '), '""');
  assert.equal(imapStringForHumans('say "hi"'), '{8}\r\nsay "hi"');
  assert.equal(imapStringForHumans('nul\0'), '{4}\r\nnul\x80');
});

test('envelope: Sender and Reply-To default to From; groups and NIL fields', () => {
  const from = [{ name: 'A', adl: null, mailbox: 'a', host: 'example.com' }];
  const to = [
    { name: null, adl: null, mailbox: 'team', host: null },
    { name: null, adl: null, mailbox: 'b', host: 'example.com' },
    { name: null, adl: null, mailbox: null, host: null },
  ];
  const env = { date: null, subject: 'Hi', from, sender: null, replyTo: null, to, cc: null, bcc: null, inReplyTo: null, messageId: '<m@x>' };
  assert.equal(formatEnvelope(env),
    '(NIL "Hi" (("A" NIL "a" "example.com")) (("A" NIL "a" "example.com")) (("A" NIL "a" "example.com")) '
    + '((NIL NIL "team" NIL)(NIL NIL "b" "example.com")(NIL NIL NIL NIL)) NIL NIL NIL "<m@x>")');
});

test('a multipart without parts reports one empty text/plain part', () => {
  const info = scan(Buffer.from('Content-Type: multipart/mixed; boundary=x\r\n\r\nno parts\r\n'));
  assert.equal(formatBodyStructure(info.body, { extensible: false }),
    '(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) "mixed")');
  assert.equal(formatBodyStructure(info.body, { extensible: true }),
    '(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL) "mixed" ("boundary" "x") NIL NIL NIL)');
});

test('MimeInfo survives a JSON round trip unchanged (the store saves it as JSON)', () => {
  for (const message of loadCorpus()) {
    const info = scan(message.bytes);
    assert.deepEqual(JSON.parse(JSON.stringify(info)), info, message.name);
  }
});
