import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { isStoreError } from '../../src/store/errors.ts';
import { IngestBatch } from '../../src/store/ingest-batch.ts';
import { ingestMessage } from '../../src/store/ingest.ts';
import { openStoreWithAccount, sampleMessage } from './temp-store.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function* pieces(data: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

test('ingest: UIDs increase, sha256 and size correct, blob byte-exact, metadata kept', async () => {
  const { store, inbox, cleanup } = await openStoreWithAccount();
  try {
    const date = new Date('2021-03-04T05:06:07Z');
    const raw = Buffer.concat([Buffer.from('Subject: \xe9t\xe9 8-bit\n\nbare LF body\0with NUL\n', 'latin1'), Buffer.alloc(300_000, 0x41)]);
    const first = await ingestMessage(store, inbox.id, pieces(raw, 777), { flags: ['\\Seen', '$Label1', '\\flagged'], internalDate: date });
    assert.equal(first.uid, 1);
    assert.equal(first.size, raw.length);
    assert.equal(first.sha256, sha256(raw));
    assert.deepEqual(first.flags, ['\\Seen', '\\Flagged', '$Label1']);
    assert.equal(first.internalDate.getTime(), date.getTime());
    assert.deepEqual(await buffer(store.blobs.open(first.sha256)), raw);
    assert.deepEqual(await buffer(store.blobs.open(first.sha256, { start: 10, end: 20 })), raw.subarray(10, 20));
    const second = await ingestMessage(store, inbox.id, sampleMessage(2));
    const third = await ingestMessage(store, inbox.id, sampleMessage(3));
    assert.deepEqual([second.uid, third.uid], [2, 3]);
    assert.ok(third.modseq > second.modseq && second.modseq > first.modseq);
    const folder = (await store.getFolderById(inbox.id))!;
    assert.equal(folder.uidNext, 4);
    assert.equal(folder.highestModseq, third.modseq);
    const stored = await store.getMessage(inbox.id, 1);
    assert.equal(stored?.sha256, first.sha256);
    assert.equal(stored?.mime.body.size !== undefined, true);
    assert.equal(await store.getMessage(inbox.id, 99), undefined);
  } finally {
    await cleanup();
  }
});

test('ingest: the same bytes twice share one blob (content-addressed, no rewrite)', async () => {
  const { store, inbox, dataDir, cleanup } = await openStoreWithAccount();
  try {
    const raw = sampleMessage(1);
    const a = await ingestMessage(store, inbox.id, raw);
    const b = await ingestMessage(store, inbox.id, raw);
    assert.equal(a.sha256, b.sha256);
    assert.notEqual(a.uid, b.uid);
    const path = join(dataDir, 'blobs', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256);
    assert.deepEqual(await readFile(path), raw);
    assert.deepEqual((await store.findByDigest(inbox.id, a.sha256)).map((m) => m.uid), [a.uid, b.uid]);
    assert.deepEqual(await readdir(join(dataDir, 'blobs', 'tmp')), []);
  } finally {
    await cleanup();
  }
});

test('ingest: a ledger key lands once; a rerun is refused without storing anything', async () => {
  const { store, inbox, cleanup } = await openStoreWithAccount();
  try {
    const key = { pair: 'import:maildir:/x:alice', source: 'INBOX\u0000123.abc' };
    assert.equal(await store.ledgerHas(key), false);
    await ingestMessage(store, inbox.id, sampleMessage(1), { ledger: key });
    assert.equal(await store.ledgerHas(key), true);
    await assert.rejects(ingestMessage(store, inbox.id, sampleMessage(1), { ledger: key }), (e) => isStoreError(e, 'exists'));
    const blob = await (async () => {
      const w = await store.blobs.begin();
      await w.write(sampleMessage(1));
      return w.commit();
    })();
    const mime = (await store.getMessage(inbox.id, 1))!.mime;
    await assert.rejects(store.appendMessage(inbox.id, { blob, mime, ledger: key }), (e) => isStoreError(e, 'exists'));
    assert.equal((await store.listMessages(inbox.id)).length, 1);
    assert.equal((await store.getFolderById(inbox.id))!.uidNext, 2);
  } finally {
    await cleanup();
  }
});

test('ingest: unknown folder, bad flags and a failing source store nothing and leave no temp file', async () => {
  const { store, inbox, dataDir, cleanup } = await openStoreWithAccount();
  try {
    await assert.rejects(ingestMessage(store, 424242, sampleMessage(1)), (e) => isStoreError(e, 'not-found'));
    await assert.rejects(ingestMessage(store, inbox.id, sampleMessage(1), { flags: ['\\Bogus'] }), (e) => isStoreError(e, 'invalid'));
    await assert.rejects(ingestMessage(store, inbox.id, sampleMessage(1), { flags: ['bad keyword'] }), (e) => isStoreError(e, 'invalid'));
    async function* broken(): AsyncIterable<Buffer> {
      yield Buffer.from('Subject: x\r\n');
      throw new Error('connection reset');
    }
    await assert.rejects(ingestMessage(store, inbox.id, broken()), /connection reset/);
    assert.deepEqual(await readdir(join(dataDir, 'blobs', 'tmp')), []);
    assert.deepEqual(await store.listMessages(inbox.id), []);
  } finally {
    await cleanup();
  }
});

test('batch ingest: one commit for many messages, UIDs in add order, ledger duplicates skipped', async () => {
  const { store, account, inbox, cleanup } = await openStoreWithAccount();
  try {
    const sent = (await store.getFolder(account.id, 'Sent'))!;
    await ingestMessage(store, inbox.id, sampleMessage(0), { ledger: { pair: 'p', source: '0' } });
    const batch = new IngestBatch(store, { maxMessages: 10 });
    for (let i = 0; i < 10; i++) {
      await batch.add(i % 2 ? sent.id : inbox.id, sampleMessage(i), { ledger: { pair: 'p', source: String(i) }, flags: ['\\Seen'] });
    }
    assert.equal(batch.full, true);
    await batch.add(inbox.id, sampleMessage(99), { ledger: { pair: 'p', source: '2' } });
    const outcomes = await batch.flush();
    assert.equal(outcomes.length, 11);
    assert.equal(outcomes[0]!.status, 'duplicate');
    assert.equal(outcomes[10]!.status, 'duplicate', 'a key repeated inside the batch lands once');
    const appended = outcomes.flatMap((o) => (o.status === 'appended' ? [o.message] : []));
    assert.deepEqual(appended.filter((m) => m.folderId === inbox.id).map((m) => m.uid), [2, 3, 4, 5]);
    assert.deepEqual(appended.filter((m) => m.folderId === sent.id).map((m) => m.uid), [1, 2, 3, 4, 5]);
    assert.ok(appended.every((m) => m.id > 0));
    const listed = await store.listMessages(inbox.id);
    assert.deepEqual(listed.map((m) => m.sha256), [0, 2, 4, 6, 8].map((i) => sha256(sampleMessage(i))));
    assert.equal(batch.size, 0);
    assert.deepEqual(await batch.flush(), []);
  } finally {
    await cleanup();
  }
});

test('append: Message-ID comes from the MIME envelope', async () => {
  const { store, inbox, cleanup } = await openStoreWithAccount();
  try {
    const writer = await store.blobs.begin();
    await writer.write(sampleMessage(7));
    const blob = await writer.commit();
    const { opaqueMime } = await import('../../src/store/ingest.ts');
    const mime = opaqueMime(blob.size);
    mime.envelope.messageId = ' <m7@example.org> ';
    const message = await store.appendMessage(inbox.id, { blob, mime });
    assert.equal(message.messageId, '<m7@example.org>');
    assert.equal((await store.listMessages(inbox.id))[0]!.messageId, '<m7@example.org>');
    assert.deepEqual((await store.getMessage(inbox.id, message.uid))!.mime, mime);
  } finally {
    await cleanup();
  }
});

test('batch ingest: flushes started without waiting keep UIDs in add order', async () => {
  const { store, inbox, cleanup } = await openStoreWithAccount();
  try {
    const batch = new IngestBatch(store);
    const flushes = [];
    for (let round = 0; round < 4; round++) {
      for (let k = 0; k < 5; k++) await batch.add(inbox.id, sampleMessage(round * 5 + k, 'x'.repeat(round === 0 ? 200_000 : 10)));
      flushes.push(batch.flush());
    }
    const outcomes = (await Promise.all(flushes)).flat();
    const uids = outcomes.map((o) => (o.status === 'appended' ? o.message.uid : 0));
    assert.deepEqual(uids, Array.from({ length: 20 }, (_, i) => i + 1));
    const listed = await store.listMessages(inbox.id);
    assert.deepEqual(listed.map((m) => m.sha256), Array.from({ length: 20 }, (_, i) => sha256(sampleMessage(i, 'x'.repeat(i < 5 ? 200_000 : 10)))));
  } finally {
    await cleanup();
  }
});
