import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMailboxName, encodeMailboxName, isValidMutf7 } from '../../../src/util/mutf7.ts';

const pairs: Array<[string, string]> = [
  // RFC 3501 §5.1.3 example
  ['~peter/mail/台北/日本語', '~peter/mail/&U,BTFw-/&ZeVnLIqe-'],
  // RFC 2152 / common client spellings
  ['Entwürfe', 'Entw&APw-rfe'],
  ['Gelöschte Elemente', 'Gel&APY-schte Elemente'],
  ['Отправленные', '&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-'],
  ['A&B', 'A&-B'],
  ['&', '&-'],
  ['&&', '&-&-'],
  ['', ''],
  ['INBOX', 'INBOX'],
  ['Tab\there', 'Tab&AAk-here'],
  ['😀', '&2D3eAA-'],
  ['mail 😀 ü', 'mail &2D3eAA- &APw-'],
  ['ü&ü', '&APw-&-&APw-'],
];

test('RFC and common examples encode and decode', () => {
  for (const [unicode, wire] of pairs) {
    assert.equal(encodeMailboxName(unicode), wire, `encode ${unicode}`);
    assert.equal(decodeMailboxName(wire), unicode, `decode ${wire}`);
    assert.ok(isValidMutf7(wire));
  }
});

test('non-BMP characters travel as surrogate pairs', () => {
  const name = '𝄞 music 𠜎';
  const wire = encodeMailboxName(name);
  assert.match(wire, /^&[A-Za-z0-9+,]+- music &[A-Za-z0-9+,]+-$/);
  assert.equal(decodeMailboxName(wire), name);
});

function randomName(random: () => number): string {
  const length = Math.floor(random() * 12);
  let out = '';
  for (let i = 0; i < length; i++) {
    const pick = random();
    if (pick < 0.4) out += String.fromCharCode(0x20 + Math.floor(random() * 95));
    else if (pick < 0.5) out += '&';
    else if (pick < 0.8) out += String.fromCodePoint(0x80 + Math.floor(random() * 0xd700));
    else if (pick < 0.9) out += String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff));
    else out += String.fromCharCode(Math.floor(random() * 0x20));
  }
  return out;
}

test('random Unicode names round-trip and encode to printable ASCII', () => {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
  for (let i = 0; i < 5000; i++) {
    const name = randomName(random);
    const wire = encodeMailboxName(name);
    assert.match(wire, /^[\x20-\x7e]*$/);
    assert.equal(decodeMailboxName(wire), name);
    assert.ok(isValidMutf7(wire));
  }
});

test('invalid inputs throw a clear Error', () => {
  const bad: Array<[string, RegExp]> = [
    ['&U,BTFw', /not closed/],
    ['abc&', /not closed/],
    ['&U/BTFw-', /not a modified BASE64 character/],
    ['&U=BTFw-', /not a modified BASE64 character/],
    ['&AGE-', /printable ASCII encoded/],
    ['&AOQ', /not closed/],
    ['&AO-', /not padded correctly/],
    ['&AOQA-', /not padded correctly/],
    ['&AOR-', /not padded correctly/],
    ['&2D0-', /unpaired high surrogate/],
    ['&3gA-', /unpaired low surrogate/],
    ['&APw-&APw-', /adjacent shifted runs/],
    ['Entwürfe', /must be encoded/],
    ['a\tb', /must be encoded/],
  ];
  for (const [input, message] of bad) {
    assert.throws(() => decodeMailboxName(input), message, input);
    assert.equal(isValidMutf7(input), false, input);
  }
});

test('encoding a string with a lone surrogate is refused', () => {
  assert.throws(() => encodeMailboxName('a\ud800b'), /unpaired/);
});
