import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileSieve, runSieve, sieveMessageOf, type SieveEnvelope } from '../../src/sieve/index.ts';
import { parseAddressList } from '../../src/sieve/addresses.ts';

const MESSAGE = Buffer.from([
  'Return-Path: <list-bounces@lists.example.net>',
  'From: "Dupont, Jean" <Jean.Dupont@Example.COM>',
  'To: alice@example.org, team: bob@example.org, carol@example.org;',
  'Cc: (a comment) dave@example.org',
  'Subject: =?utf-8?B?UsOpdW5pb24=?= [list]',
  '  weekly',
  'X-Spam: YES',
  'Message-ID: <1@example.com>',
  '',
  'body',
  '',
].join('\r\n'), 'latin1');

const ENVELOPE: SieveEnvelope = { from: 'list-bounces@lists.example.net', to: ['alice+lists@example.org'] };

function run(script: string, envelope: SieveEnvelope = ENVELOPE) {
  return runSieve(compileSieve(script), sieveMessageOf(MESSAGE, MESSAGE.length, envelope));
}

test('no rules or no match: implicit keep', () => {
  assert.deepEqual(run('').deliveries, [{ folder: null, flags: [] }]);
  assert.deepEqual(run('if false { discard; }').deliveries, [{ folder: null, flags: [] }]);
});

test('header tests decode RFC 2047 and unfold; comparators and match types', () => {
  const file = (test: string) => run(`require "fileinto"; if ${test} { fileinto "Hit"; }`).deliveries[0]!.folder;
  assert.equal(file('header :contains "subject" "réunion"'), 'Hit');
  assert.equal(file('header :matches "Subject" "R?union*weekly"'), 'Hit');
  assert.equal(file('header :is "x-spam" "yes"'), 'Hit');
  assert.equal(file('header :comparator "i;octet" :is "x-spam" "yes"'), null);
  assert.equal(file('header :matches "subject" "\\\\*"'), null);
  assert.equal(file('exists ["x-spam", "message-id"]'), 'Hit');
  assert.equal(file('exists ["x-spam", "x-missing"]'), null);
  assert.equal(file(`size :over ${MESSAGE.length - 1}`), 'Hit');
  assert.equal(file(`size :under ${MESSAGE.length}`), null);
});

test('address and envelope tests look at address parts', () => {
  const file = (test: string) => run(`require ["fileinto", "envelope"]; if ${test} { fileinto "Hit"; }`).deliveries[0]!.folder;
  assert.equal(file('address :domain :is "from" "example.com"'), 'Hit');
  assert.equal(file('address :localpart :is "from" "jean.dupont"'), 'Hit');
  assert.equal(file('address :all :is "to" "carol@example.org"'), 'Hit', 'group members');
  assert.equal(file('address :is "cc" "dave@example.org"'), 'Hit', 'comments removed');
  assert.equal(file('address :is "from" "Dupont"'), null);
  assert.equal(file('envelope :domain :is "from" "lists.example.net"'), 'Hit');
  assert.equal(file('envelope :localpart :matches "to" "alice+*"'), 'Hit');
});

test('actions: fileinto once per folder, stop, discard, explicit keep, flags', () => {
  const script = `require ["fileinto", "imap4flags"];
addflag "$Lists";
if header :contains "subject" "list" { fileinto "Lists"; fileinto "Lists"; addflag "\\\\Seen"; fileinto :flags "$Copy" "Copies"; }
keep;
stop;
fileinto "Never";`;
  assert.deepEqual(run(script).deliveries, [
    { folder: 'Lists', flags: ['$Lists'] },
    { folder: 'Copies', flags: ['$Copy'] },
    { folder: null, flags: ['$Lists', '\\Seen'] },
  ]);
  assert.deepEqual(run('discard;'), { deliveries: [], discarded: true });
  assert.deepEqual(run('discard; keep;').deliveries, [{ folder: null, flags: [] }]);
  assert.deepEqual(run('require "imap4flags"; setflag "a b"; removeflag "A";').deliveries, [{ folder: null, flags: ['b'] }], 'implicit keep takes the flags');
});

test('address lists', () => {
  assert.deepEqual(parseAddressList('"a, b" <x@y.z>, plain@host, <angle@host>, group: m1@h, m2@h;, undisclosed-recipients:;'),
    ['x@y.z', 'plain@host', 'angle@host', 'm1@h', 'm2@h']);
  assert.deepEqual(parseAddressList('<@route.example:user@host>'), ['user@host']);
});
