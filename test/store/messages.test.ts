import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError } from '../../src/store/errors.ts';
import { ingestMessage, opaqueMime } from '../../src/store/ingest.ts';
import { openStoreWithAccount, openTempStore, sampleMessage } from './temp-store.ts';

test('flags: set/add/remove, keywords case-insensitive, MODSEQ bumps only for changed messages', async () => {
  const { store, inbox, cleanup } = await openStoreWithAccount();
  try {
    for (let i = 1; i <= 3; i++) await ingestMessage(store, inbox.id, sampleMessage(i));
    const before = (await store.getFolderById(inbox.id))!.highestModseq;
    const changed = await store.updateFlags(inbox.id, [1, 2], 'add', ['\\Seen', 'Work']);
    assert.deepEqual(changed.map((m) => m.uid), [1, 2]);
    const modseq = changed[0]!.modseq;
    assert.equal(modseq, before + 1);
    assert.ok(changed.every((m) => m.modseq === modseq));
    assert.deepEqual(changed[0]!.flags, ['\\Seen', 'Work']);
    assert.equal((await store.getFolderById(inbox.id))!.highestModseq, modseq);

    const again = await store.updateFlags(inbox.id, [1, 2, 3], 'add', ['\\SEEN', 'work']);
    assert.deepEqual(again.map((m) => m.uid), [3], 'only message 3 changed');
    assert.deepEqual(again[0]!.flags, ['\\Seen', 'work']);

    const removed = await store.updateFlags(inbox.id, [1], 'remove', ['WORK']);
    assert.deepEqual(removed[0]!.flags, ['\\Seen']);
    const set = await store.updateFlags(inbox.id, [2], 'set', ['\\Deleted', '\\Draft', '\\Answered', '$Forwarded']);
    assert.deepEqual(set[0]!.flags, ['\\Answered', '\\Deleted', '\\Draft', '$Forwarded']);
    assert.deepEqual(await store.updateFlags(inbox.id, [99], 'add', ['\\Seen']), []);
    await assert.rejects(store.updateFlags(inbox.id, [1], 'add', ['\\Nope']), (e) => isStoreError(e, 'invalid'));
    await assert.rejects(store.updateFlags(4242, [1], 'add', ['\\Seen']), (e) => isStoreError(e, 'not-found'));

    const top = (await store.getFolderById(inbox.id))!.highestModseq;
    const since = await store.listMessages(inbox.id, { changedSince: top - 1 });
    assert.deepEqual(since.map((m) => m.uid), [2]);
    const unseen = (await store.summarizeFolders(inbox.accountId)).find((f) => f.id === inbox.id)!.unseen;
    assert.equal(unseen, 1);
  } finally {
    await cleanup();
  }
});

test('copy: UIDPLUS mapping, flags and INTERNALDATE kept, blobs shared', async () => {
  const { store, account, inbox, cleanup } = await openStoreWithAccount();
  try {
    const archive = (await store.getFolder(account.id, 'Archive'))!;
    await ingestMessage(store, archive.id, sampleMessage(100));
    const date = new Date('2020-01-02T03:04:05Z');
    const originals = [];
    for (let i = 1; i <= 4; i++) originals.push(await ingestMessage(store, inbox.id, sampleMessage(i), { flags: ['\\Flagged', 'tag'], internalDate: date }));
    const pairs = await store.copyMessages(inbox.id, [4, 2, 3, 77], archive.id);
    assert.deepEqual(pairs, [[2, 2], [3, 3], [4, 4]]);
    const copies = await store.listMessages(archive.id, { uidFrom: 2 });
    assert.deepEqual(copies.map((m) => m.sha256), originals.slice(1).map((m) => m.sha256));
    assert.ok(copies.every((m) => m.internalDate.getTime() === date.getTime()));
    assert.deepEqual(copies[0]!.flags, ['\\Flagged', 'tag']);
    assert.equal(new Set(copies.map((m) => m.modseq)).size, 1);
    assert.deepEqual(await store.copyMessages(inbox.id, [500], archive.id), []);
    assert.deepEqual(await store.copyMessages(inbox.id, [1], inbox.id), [[1, 5]]);
    await assert.rejects(store.copyMessages(inbox.id, [1], 4242), (e) => isStoreError(e, 'not-found'));
    const mime = (await store.getMessage(archive.id, 2))!.mime;
    assert.deepEqual(mime, (await store.getMessage(inbox.id, 2))!.mime);
  } finally {
    await cleanup();
  }
});

test('expunge: rows go, a shared blob stays until its last message goes, UIDs are never reused', async () => {
  const { store, account, inbox, cleanup } = await openStoreWithAccount();
  try {
    const trash = (await store.getFolder(account.id, 'Trash'))!;
    const shared = await ingestMessage(store, inbox.id, sampleMessage(1));
    const single = await ingestMessage(store, inbox.id, sampleMessage(2));
    await store.copyMessages(inbox.id, [shared.uid], trash.id);
    const before = (await store.getFolderById(inbox.id))!.highestModseq;
    await store.expunge(inbox.id, [shared.uid, single.uid, 999]);
    assert.deepEqual(await store.listMessages(inbox.id), []);
    assert.equal(await store.blobs.has(single.sha256), false, 'unreferenced blob removed');
    assert.equal(await store.blobs.has(shared.sha256), true, 'blob still used by the copy in Trash');
    assert.ok((await store.getFolderById(inbox.id))!.highestModseq > before);
    await store.expunge(trash.id, [1]);
    assert.equal(await store.blobs.has(shared.sha256), false);
    const next = await ingestMessage(store, inbox.id, sampleMessage(3));
    assert.equal(next.uid, 3);
    await store.expunge(inbox.id, []);
    await assert.rejects(store.expunge(inbox.id, [0]), (e) => isStoreError(e, 'invalid'));
  } finally {
    await cleanup();
  }
});

test('garbage collection: a blob reused after it became an orphan is kept; a vanished blob fails the append', async () => {
  const temp = await openTempStore({ blobGraceMs: 40 });
  const { store } = temp;
  try {
    await store.addDomain('example.org');
    const account = await store.addAccount('alice@example.org', 'pw');
    const inbox = (await store.getFolder(account.id, 'INBOX'))!;
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

    // Reused after orphaning: an ingest of the same bytes commits its (deduplicated) blob after the expunge
    // but before the collector runs, and appends its row later.
    const old = await ingestMessage(store, inbox.id, sampleMessage(1));
    await store.expunge(inbox.id, [old.uid]);
    await wait(5);
    const writer = await store.blobs.begin();
    await writer.write(sampleMessage(1));
    const reused = await writer.commit();
    await wait(60);
    assert.equal(await store.collectGarbage(), 0);
    assert.equal(await store.blobs.has(reused.sha256), true, 'touched after orphaning: kept');
    const late = await store.appendMessage(inbox.id, { blob: reused, mime: opaqueMime(reused.size) });
    assert.equal(late.sha256, old.sha256);

    // Orphaned and untouched: removed once the grace period is over; an append that still points at it fails
    // clearly instead of storing a row without bytes.
    const gone = await ingestMessage(store, inbox.id, sampleMessage(2));
    await store.expunge(inbox.id, [gone.uid]);
    assert.equal(await store.blobs.has(gone.sha256), true, 'kept during the grace period');
    await wait(60);
    assert.equal(await store.collectGarbage(), 1);
    assert.equal(await store.blobs.has(gone.sha256), false);
    await assert.rejects(
      store.appendMessage(inbox.id, { blob: { sha256: gone.sha256, size: gone.size }, mime: opaqueMime(gone.size) }),
      (e) => isStoreError(e, 'not-found') && e.message.includes(gone.sha256),
    );
    assert.deepEqual((await store.listMessages(inbox.id)).map((m) => m.uid), [late.uid]);
  } finally {
    await temp.cleanup();
  }
});

test('iterateMessages walks 5,000 messages in UID order in batches; ranges and listMessages agree', async () => {
  const { store, inbox, cleanup } = await openStoreWithAccount();
  try {
    // The rows are what is iterated: they share one blob so the test spends its time on SQL, not on files.
    const writer = await store.blobs.begin();
    await writer.write(sampleMessage(0));
    const blob = await writer.commit();
    for (let start = 1; start <= 5000; start += 500) {
      await store.appendMessages(Array.from({ length: 500 }, (_, k) => ({
        folderId: inbox.id, blob, mime: opaqueMime(blob.size), flags: (start + k) % 3 === 0 ? ['\\Seen'] : [],
      })));
    }
    let count = 0;
    let last = 0;
    for await (const message of store.iterateMessages(inbox.id)) {
      assert.ok(message.uid > last);
      last = message.uid;
      count++;
    }
    assert.equal(count, 5000);
    assert.equal(last, 5000);
    const range: number[] = [];
    for await (const message of store.iterateMessages(inbox.id, { uidFrom: 999, uidTo: 2001 })) range.push(message.uid);
    assert.equal(range.length, 1003);
    assert.deepEqual([range[0], range.at(-1)], [999, 2001]);
    assert.equal((await store.listMessages(inbox.id)).length, 5000);
    const summary = (await store.summarizeFolders(inbox.accountId)).find((f) => f.id === inbox.id)!;
    assert.deepEqual([summary.messages, summary.unseen], [5000, 5000 - 1666]);
  } finally {
    await cleanup();
  }
});

test('move: atomic, new UIDs in the target, gone from the source, flags and blobs kept, events for both', async () => {
  const { store, account, inbox, cleanup } = await openStoreWithAccount();
  try {
    const archive = (await store.getFolder(account.id, 'Archive'))!;
    await ingestMessage(store, archive.id, sampleMessage(100));
    const originals = [];
    for (let i = 1; i <= 3; i++) originals.push(await ingestMessage(store, inbox.id, sampleMessage(i), { flags: ['\\Seen', 'kept'] }));
    const events: string[] = [];
    const off = store.notifier.subscribe(account.id, (e) => events.push(`${e.kind}:${e.folderId}:${'uids' in e ? e.uids.join(',') : ''}`));
    const pairs = await store.moveMessages(inbox.id, [3, 1, 42], archive.id);
    off();
    assert.deepEqual(pairs, [[1, 2], [3, 3]]);
    assert.deepEqual((await store.listMessages(inbox.id)).map((m) => m.uid), [2]);
    const moved = await store.listMessages(archive.id, { uidFrom: 2 });
    assert.deepEqual(moved.map((m) => m.sha256), [originals[0]!.sha256, originals[2]!.sha256]);
    assert.ok(moved.every((m) => m.flags.join() === '\\Seen,kept'));
    assert.equal(await store.blobs.has(originals[0]!.sha256), true);
    assert.deepEqual(events, [`append:${archive.id}:2,3`, `expunge:${inbox.id}:1,3`]);
    assert.ok((await store.getFolderById(inbox.id))!.highestModseq > originals[2]!.modseq);
    assert.deepEqual(await store.moveMessages(inbox.id, [99], archive.id), []);
    await assert.rejects(store.moveMessages(inbox.id, [2], 4242), (e) => isStoreError(e, 'not-found'));
    assert.deepEqual((await store.listMessages(inbox.id)).map((m) => m.uid), [2], 'a failed move changes nothing');
  } finally {
    await cleanup();
  }
});

test('folder index: UIDs ascending, first unseen UID and every keyword, without reading message rows', async () => {
  const { store, inbox, cleanup } = await openStoreWithAccount();
  try {
    assert.deepEqual(await store.folderIndex(inbox.id), { uids: [], firstUnseenUid: null, keywords: [] });
    for (let i = 1; i <= 12; i++) await ingestMessage(store, inbox.id, sampleMessage(i));
    await store.updateFlags(inbox.id, [1, 2, 3, 4], 'add', ['\\Seen']);
    await store.updateFlags(inbox.id, [5], 'add', ['Work', '$Label1']);
    await store.updateFlags(inbox.id, [11], 'add', ['work', 'Later']);
    await store.expunge(inbox.id, [2, 10]);
    const index = await store.folderIndex(inbox.id);
    assert.deepEqual(index.uids, [1, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
    assert.equal(index.firstUnseenUid, 5);
    assert.deepEqual(new Set(index.keywords.map((k) => k.toLowerCase())), new Set(['work', '$label1', 'later']));
  } finally {
    await cleanup();
  }
});
