import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapClient } from '../../../src/imap/client/client.ts';
import { startFixture, type ClientFixture } from './fixture.ts';

let fixture: ClientFixture;
let client: ImapClient;

before(async () => {
  fixture = await startFixture();
  client = await fixture.connect();
  await client.enable(['CONDSTORE', 'QRESYNC']);
});
after(async () => {
  await client?.logout();
  await fixture?.stop();
});

const message = (i: number) => ({ content: Buffer.from(`Subject: message ${i}\r\nMessage-ID: <m${i}@test>\r\n\r\nbody of ${i}\r\n${'.'.repeat(i % 300)}\r\n`) });

test('pipelined fetch of 1,000 messages: every body, in one command, in order', async () => {
  await client.create('Thousand');
  const results = await client.append('Thousand', Array.from({ length: 1000 }, (_, i) => message(i + 1)));
  assert.equal(results.filter((result) => result.ok).length, 1000);
  await client.select('Thousand');
  const trace: string[] = [];
  const reader = await fixture.connect({ trace: (direction, text) => direction === 'client' && trace.push(text) });
  await reader.select('Thousand', { readOnly: true });
  let count = 0;
  let previous = 0;
  for await (const fetched of reader.fetchBodies('1:*')) {
    assert.ok(fetched.uid > previous);
    previous = fetched.uid;
    assert.equal((await fetched.body.buffer()).toString(), message(fetched.uid).content.toString());
    count += 1;
  }
  assert.equal(count, 1000);
  assert.equal(trace.filter((line) => line.includes('UID FETCH')).length, 1);

  // a slow consumer with a tiny buffer still gets everything (the socket is paused, not the memory grown)
  count = 0;
  for await (const fetched of reader.fetchBodies('1:*', { highWaterBytes: 4096 })) {
    if (fetched.uid % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    count += 1;
  }
  assert.equal(count, 1000);

  // leaving early drains the rest; the connection stays usable
  for await (const fetched of reader.fetchBodies('1:*')) if (fetched.uid === 10) break;
  assert.equal((await reader.uidSearch('ALL')).length, 1000);
  await reader.logout();
});

test('fetchMeta with CHANGEDSINCE, conditional STORE and VANISHED', async () => {
  await client.create('Changes');
  await client.append('Changes', Array.from({ length: 5 }, (_, i) => message(i + 1)));
  const first = await client.select('Changes', { condstore: true });
  const since = first.highestModseq!;
  await client.store([2, 4], 'add', ['\\Flagged', 'Important_Kw']);
  const changed = [];
  for await (const record of client.fetchMeta('1:*', { changedSince: since })) changed.push(record);
  assert.deepEqual(changed.map((record) => record.uid), [2, 4]);
  assert.ok(changed.every((record) => record.flags.includes('\\Flagged') && record.flags.includes('Important_Kw') && record.modseq! > since));
  assert.equal(changed[0]!.messageId, '<m2@test>');

  const conditional = await client.store([2, 3], 'add', ['\\Seen'], { unchangedSince: since });
  assert.deepEqual(conditional.modified, [2], 'UID 2 changed after `since`, so it is left alone');
  await client.store([1], 'set', ['Only_This']);
  const one = [];
  for await (const record of client.fetchMeta([1])) one.push(record.flags.filter((flag) => flag !== '\\Recent'));
  assert.deepEqual(one, [['Only_This']]);
  await client.store([1], 'remove', ['Only_This']);

  const beforeExpunge = client.selected!.highestModseq!;
  await client.uidExpunge([5]);
  const vanished: number[] = [];
  // RFC 7162 §3.2.6: VANISHED covers only the UID set, and "*" is the highest UID that still exists
  for await (const _ of client.fetchMeta('1:5', { changedSince: beforeExpunge, onVanished: (uids) => vanished.push(...uids) })) void _;
  assert.deepEqual(vanished, [5]);

  const resync = await client.select('Changes', { qresync: { uidValidity: first.uidValidity, modseq: since } });
  assert.deepEqual(resync.vanished, [5]);
  assert.deepEqual(resync.changed.map((entry) => entry.uid).sort(), [1, 2, 3, 4]);
});

test('uidExpunge removes exactly the given UIDs, even with other \\Deleted messages around', async () => {
  await client.create('Expunge');
  await client.append('Expunge', Array.from({ length: 6 }, (_, i) => message(i + 1)));
  await client.select('Expunge');
  await client.store([1, 2, 3], 'add', ['\\Deleted']);
  await client.uidExpunge([2, 3]);
  assert.deepEqual(await client.uidSearch('ALL'), [1, 4, 5, 6]);
  assert.deepEqual(await client.uidSearch('DELETED'), [1]);
  assert.equal(client.selected!.exists, 4);
});

test('move returns the UID mapping and leaves the source without the messages', async () => {
  await client.create('Move From');
  await client.create('Move To/Ünder');
  await client.append('Move From', Array.from({ length: 4 }, (_, i) => message(i + 1)));
  await client.select('Move From');
  const moved = await client.move([1, 3, 4], 'Move To/Ünder');
  assert.ok(moved);
  assert.deepEqual([...moved.map.keys()], [1, 3, 4]);
  assert.deepEqual([...moved.map.values()], [1, 2, 3]);
  assert.deepEqual(await client.uidSearch('ALL'), [2]);
  assert.equal((await client.status('Move To/Ünder')).messages, 3);
});

test('idle returns on a new message, on timeout and on abort', async () => {
  await client.create('Idle');
  await client.select('Idle');
  const other = await fixture.connect();
  const waiting = client.idle({ timeoutMs: 10_000 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  await other.append('Idle', [message(1)]);
  const changed = await waiting;
  assert.equal(changed.reason, 'changed');
  assert.ok(changed.updates.some((update) => update.kind === 'numeric' && update.type === 'EXISTS'));
  assert.equal((await client.idle({ timeoutMs: 150 })).reason, 'timeout');
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  assert.equal((await client.idle({ signal: controller.signal })).reason, 'aborted');
  const interrupted = client.idle();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await client.noop(); // queued behind IDLE: IDLE ends itself so the NOOP can go
  assert.equal((await interrupted).reason, 'interrupted');
  await other.logout();
});
