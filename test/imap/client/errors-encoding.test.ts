import { test } from 'node:test';
import assert from 'node:assert/strict';
import { astring, flagList, literal, quoted, traceText } from '../../../src/imap/client/command-encoding.ts';
import { ImapClientError, parseBackoffHint } from '../../../src/imap/client/errors.ts';
import { formatInternalDate, parseInternalDate } from '../../../src/imap/client/internal-date.ts';
import { chunkUidSets, compressUids, expandSequenceSet } from '../../../src/imap/client/sequence-set.ts';
import type { TaggedResponse } from '../../../src/imap/client/responses.ts';

const endpoint = { host: 'imap.example.org', port: 993 };
const tagged = (status: 'NO' | 'BAD', code: string | null, text: string): TaggedResponse =>
  ({ kind: 'tagged', tag: 'A1', status, code: code ? { name: code, raw: '', args: [] } : null, text });

test('temporary conditions and backoff hints', () => {
  const throttled = ImapClientError.fromTagged('UID FETCH', tagged('NO', null, 'Request is throttled. Suggested Backoff Time: 299730 milliseconds'), endpoint);
  assert.equal(throttled.temporary, true);
  assert.equal(throttled.retryAfterMs, 299730);
  assert.equal(throttled.message, 'IMAP UID FETCH at imap.example.org:993 failed: server said: Request is throttled. Suggested Backoff Time: 299730 milliseconds');
  assert.equal(ImapClientError.fromTagged('SELECT', tagged('NO', 'UNAVAILABLE', 'Backend down'), endpoint).temporary, true);
  assert.equal(ImapClientError.fromTagged('APPEND', tagged('NO', 'LIMIT', 'Too many'), endpoint).temporary, true);
  const quota = ImapClientError.fromTagged('APPEND', tagged('NO', 'OVERQUOTA', 'Quota exceeded'), endpoint);
  assert.equal(quota.temporary, false);
  assert.equal(quota.responseCode, 'OVERQUOTA');
  assert.equal(ImapClientError.fromTagged('LOGIN', tagged('NO', 'AUTHENTICATIONFAILED', 'nope'), endpoint).kind, 'auth');
  assert.equal(ImapClientError.fromTagged('FETCH', tagged('BAD', null, 'syntax'), endpoint).kind, 'bad');
  assert.equal(parseBackoffHint('Suggested Backoff Time: 12 seconds'), 12000);
  assert.equal(parseBackoffHint('nothing here'), undefined);
});

test('arguments: atom, quoted or literal as needed', () => {
  assert.equal(astring('INBOX.Sent'), 'INBOX.Sent');
  assert.equal(astring('with space'), '"with space"');
  assert.equal(astring('q"uote\\'), '"q\\"uote\\\\"');
  assert.equal(astring(''), '""');
  assert.equal(astring('NIL'), '"NIL"');
  const eightBit = astring('pässwörd');
  assert.ok(typeof eightBit !== 'string');
  assert.deepEqual(eightBit.content, Buffer.from('pässwörd'));
  assert.ok(typeof astring('line\r\nbreak') !== 'string');
  assert.throws(() => quoted('a\nb'));
  assert.equal(flagList(['\\Seen', '$Label1', 'Custom_Kw']), '(\\Seen $Label1 Custom_Kw)');
  for (const bad of ['two words', 'paren)', 'brace{', 'star*', 'quote"', 'back\\slash', '']) assert.throws(() => flagList([bad]), /not a valid IMAP flag/);
  assert.equal(traceText(['APPEND INBOX ', literal(Buffer.alloc(42))]), 'APPEND INBOX {42}');
});

test('sequence sets', () => {
  assert.equal(compressUids([5, 1, 2, 3, 9, 10, 3]), '1:3,5,9:10');
  assert.deepEqual(expandSequenceSet('1:3,7,10:8'), [1, 2, 3, 7, 8, 9, 10]);
  assert.deepEqual(expandSequenceSet('4:*', { largest: 6 }), [4, 5, 6]);
  assert.throws(() => expandSequenceSet('1:*'));
  assert.throws(() => expandSequenceSet('1:100', { limit: 10 }));
  const many = Array.from({ length: 5000 }, (_, i) => i * 2 + 1);
  const chunks = chunkUidSets(many, 1000);
  assert.ok(chunks.length > 1 && chunks.every((chunk) => chunk.length <= 1000));
  assert.deepEqual(chunks.flatMap((chunk) => expandSequenceSet(chunk)), many);
});

test('internal dates', () => {
  assert.equal(parseInternalDate(' 7-Jul-1996 02:44:25 -0700')?.toISOString(), '1996-07-07T09:44:25.000Z');
  assert.equal(formatInternalDate(new Date('2024-03-05T06:07:08Z')), '05-Mar-2024 06:07:08 +0000');
  assert.equal(parseInternalDate('garbage'), undefined);
});
