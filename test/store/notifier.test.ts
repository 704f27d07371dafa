import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestMessage } from '../../src/store/ingest.ts';
import { InProcessNotifier } from '../../src/store/notifier.ts';
import type { ChangeEvent } from '../../src/store/types.ts';
import { openStoreWithAccount, sampleMessage } from './temp-store.ts';

test('notifier: per-account delivery, unsubscribe, a throwing listener does not stop others', () => {
  const notifier = new InProcessNotifier();
  const seen: string[] = [];
  const off = notifier.subscribe(1, (e) => seen.push(`a:${e.kind}`));
  notifier.subscribe(1, () => {
    throw new Error('broken listener');
  });
  notifier.subscribe(1, (e) => seen.push(`b:${e.kind}`));
  notifier.subscribe(2, (e) => seen.push(`other:${e.kind}`));
  notifier.publish({ kind: 'folder', accountId: 1, folderId: 5, action: 'create' });
  off();
  notifier.publish({ kind: 'folder', accountId: 1, folderId: 5, action: 'delete' });
  assert.deepEqual(seen, ['a:folder', 'b:folder', 'b:folder']);
});

test('store publishes append, flags, expunge and folder events after commit', async () => {
  const { store, account, inbox, cleanup } = await openStoreWithAccount();
  const events: ChangeEvent[] = [];
  const off = store.notifier.subscribe(account.id, (e) => events.push(e));
  try {
    const m = await ingestMessage(store, inbox.id, sampleMessage(1));
    assert.deepEqual(events.at(-1), { kind: 'append', accountId: account.id, folderId: inbox.id, uids: [1], modseq: m.modseq });
    const [changed] = await store.updateFlags(inbox.id, [1], 'add', ['\\Seen']);
    assert.deepEqual(events.at(-1), { kind: 'flags', accountId: account.id, folderId: inbox.id, uids: [1], modseq: changed!.modseq });
    const count = events.length;
    await store.updateFlags(inbox.id, [1], 'add', ['\\Seen']);
    assert.equal(events.length, count, 'no event when nothing changed');
    const folder = await store.createFolder(account.id, 'New/Child');
    assert.deepEqual(events.slice(-2).map((e) => e.kind === 'folder' && e.action), ['create', 'create']);
    assert.equal(events.at(-1)!.folderId, folder.id);
    await store.copyMessages(inbox.id, [1], folder.id);
    assert.deepEqual(events.at(-1)!.kind === 'append' && [events.at(-1)!.folderId, (events.at(-1) as { uids: number[] }).uids], [folder.id, [1]]);
    await store.expunge(inbox.id, [1]);
    const expunge = events.at(-1)!;
    assert.equal(expunge.kind, 'expunge');
    assert.deepEqual((expunge as { uids: number[] }).uids, [1]);
    assert.equal((expunge as { modseq: number }).modseq, (await store.getFolderById(inbox.id))!.highestModseq);
    await store.renameFolder(account.id, 'New', 'Renamed');
    assert.ok(events.some((e) => e.kind === 'folder' && e.action === 'rename' && e.folderId === folder.id));
    await store.deleteFolder(account.id, 'Renamed/Child');
    assert.deepEqual(events.at(-1), { kind: 'folder', accountId: account.id, folderId: folder.id, action: 'delete' });
  } finally {
    off();
    await cleanup();
  }
});
