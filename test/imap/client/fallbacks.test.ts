// The same operations against a server that advertises only IMAP4rev1 basics (no LITERAL+, MULTIAPPEND, MOVE,
// ESEARCH, LIST-EXTENDED): the client must take the slower, standard paths and get the same results.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapClient } from '../../../src/imap/client/client.ts';
import { startFixture, type ClientFixture } from './fixture.ts';

let fixture: ClientFixture;
let client: ImapClient;
const trace: string[] = [];

before(async () => {
  fixture = await startFixture({ capabilities: 'IMAP4rev1 ID ENABLE IDLE NAMESPACE UIDPLUS CONDSTORE' });
  client = await fixture.connect({ trace: (direction, text) => trace.push(`${direction} ${text}`) });
});
after(async () => {
  await client?.logout();
  await fixture?.stop();
});

test('the client sees the reduced capabilities', () => {
  for (const name of ['LITERAL+', 'MULTIAPPEND', 'MOVE', 'ESEARCH', 'LIST-EXTENDED']) assert.ok(!client.capabilities.has(name), name);
  assert.ok(client.capabilities.has('UIDPLUS'));
});

test('without SASL-IR the PLAIN response goes after the "+", still masked', () => {
  const login = trace.slice(0, 4);
  assert.deepEqual(login.slice(1, 3).map((line) => line.replace(/ .*/, '')), ['client', 'server']);
  assert.match(login[1]!, /^client A1 AUTHENTICATE PLAIN$/);
  assert.match(login[2]!, /^server \+/);
  assert.equal(login[3], 'client ***');
});

test('APPEND falls back to synchronising literals, one message at a time, still with APPENDUID', async () => {
  await client.create('Plain');
  trace.length = 0;
  const results = await client.append('Plain', [1, 2, 3].map((i) => ({ content: Buffer.from(`Subject: ${i}\r\n\r\n${i}\r\n`), flags: ['\\Seen'] })));
  assert.deepEqual(results.map((result) => (result.ok ? result.uid : -1)), [1, 2, 3]);
  assert.equal(trace.filter((line) => line.startsWith('server +')).length, 3, 'one "+" per literal');
  assert.equal(trace.filter((line) => line.startsWith('client') && line.includes('APPEND')).length, 3);
});

test('MOVE falls back to UID COPY, \\Deleted and UID EXPUNGE', async () => {
  await client.create('Plain/Target');
  await client.select('Plain');
  trace.length = 0;
  const moved = await client.move([1, 3], 'Plain/Target');
  assert.deepEqual([...moved!.map], [[1, 1], [3, 2]]);
  const verbs = trace.filter((line) => line.startsWith('client')).map((line) => line.split(' ').slice(2, 4).join(' '));
  assert.deepEqual(verbs, ['UID COPY', 'UID STORE', 'UID EXPUNGE']);
  assert.deepEqual(await client.uidSearch('ALL'), [2], 'plain SEARCH when ESEARCH is not offered');
  assert.equal((await client.status('Plain/Target')).messages, 2);
});

test('LIST without LIST-EXTENDED asks LSUB for subscriptions', async () => {
  await client.subscribe('Plain/Target');
  const listed = await client.list();
  assert.equal(listed.find((entry) => entry.name === 'Plain/Target')?.subscribed, true);
  assert.equal(listed.find((entry) => entry.name === 'Plain')?.subscribed, false);
  assert.equal(listed.find((entry) => entry.name === 'Trash')?.specialUse, '\\Trash', 'special-use from LIST attributes');
});
