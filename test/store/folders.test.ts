import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError } from '../../src/store/errors.ts';
import { ingestMessage } from '../../src/store/ingest.ts';
import { openStoreWithAccount, sampleMessage } from './temp-store.ts';

test('create: hierarchy creates missing parents (RFC 3501 §6.3.3), duplicates refused, names validated', async () => {
  const { store, account, cleanup } = await openStoreWithAccount();
  try {
    const leaf = await store.createFolder(account.id, 'Projects/2024/Q1');
    assert.equal(leaf.name, 'Projects/2024/Q1');
    assert.equal(leaf.uidNext, 1);
    const names = (await store.listFolders(account.id)).map((f) => f.name);
    assert.ok(names.includes('Projects') && names.includes('Projects/2024'));
    assert.ok(names.indexOf('Projects') < names.indexOf('Projects/2024'));
    await assert.rejects(store.createFolder(account.id, 'Projects/2024'), (e) => isStoreError(e, 'exists') && e.message.includes('Projects/2024'));
    await assert.rejects(store.createFolder(account.id, 'inbox'), (e) => isStoreError(e, 'exists'));
    for (const bad of ['', 'a//b', '/a', 'a/', 'x%', 'y*', 'tab\there']) {
      await assert.rejects(store.createFolder(account.id, bad), (e) => isStoreError(e, 'invalid'), `name ${JSON.stringify(bad)}`);
    }
    await assert.rejects(store.createFolder(9999, 'x'), (e) => isStoreError(e, 'not-found'));
    const unicode = await store.createFolder(account.id, 'Entwürfe/日本語');
    assert.equal((await store.getFolder(account.id, 'Entwürfe/日本語'))?.id, unicode.id);
    assert.equal((await store.getFolder(account.id, 'inbox'))?.name, 'INBOX');
    const child = await store.createFolder(account.id, 'inbox/Sub');
    assert.equal(child.name, 'INBOX/Sub');
  } finally {
    await cleanup();
  }
});

test('UIDVALIDITY: every folder gets a new one, a recreated folder never reuses the old one', async () => {
  const { store, account, cleanup, reopen } = await openStoreWithAccount();
  try {
    const first = await store.createFolder(account.id, 'Reports');
    await store.deleteFolder(account.id, 'Reports');
    const second = await store.createFolder(account.id, 'Reports');
    assert.notEqual(second.uidValidity, first.uidValidity);
    assert.ok(second.uidValidity > first.uidValidity);
    assert.notEqual(second.id, first.id);
    const reopened = await reopen();
    await reopened.deleteFolder(account.id, 'Reports');
    const third = await reopened.createFolder(account.id, 'Reports');
    assert.ok(third.uidValidity > second.uidValidity);
    const all = await reopened.listFolders(account.id);
    assert.equal(new Set(all.map((f) => f.uidValidity)).size, all.length);
    assert.ok(all.every((f) => f.uidValidity > 0 && f.uidValidity <= 0xffffffff));
  } finally {
    await cleanup();
  }
});

test('special-use and subscription', async () => {
  const { store, account, cleanup } = await openStoreWithAccount();
  try {
    const flagged = await store.createFolder(account.id, 'Important', { specialUse: '\\Flagged', subscribed: false });
    assert.equal(flagged.specialUse, '\\Flagged');
    assert.equal(flagged.subscribed, false);
    await store.setSubscribed(account.id, 'Important', true);
    assert.equal((await store.getFolder(account.id, 'Important'))?.subscribed, true);
    // RFC 3501 §6.3.6: a name without a folder may be subscribed; the subscription outlives a deleted folder
    await store.setSubscribed(account.id, 'Nope', true);
    await store.deleteFolder(account.id, 'Important');
    assert.deepEqual(await store.listDanglingSubscriptions(account.id), ['Important', 'Nope']);
    assert.equal((await store.createFolder(account.id, 'Nope', { subscribed: false })).subscribed, true, 'a new folder takes it over');
    await store.setSubscribed(account.id, 'Important', false);
    assert.deepEqual(await store.listDanglingSubscriptions(account.id), []);
    const sent = await store.getFolder(account.id, 'Sent');
    assert.equal(sent?.specialUse, '\\Sent');
  } finally {
    await cleanup();
  }
});

test('rename moves children and keeps UIDVALIDITY and messages; clashes refused', async () => {
  const { store, account, cleanup } = await openStoreWithAccount();
  try {
    const a = await store.createFolder(account.id, 'a/b/c');
    const parent = (await store.getFolder(account.id, 'a'))!;
    await ingestMessage(store, a.id, sampleMessage(1));
    await store.createFolder(account.id, 'other');
    await store.renameFolder(account.id, 'a', 'x/y');
    const names = (await store.listFolders(account.id)).map((f) => f.name);
    assert.ok(!names.some((n) => n === 'a' || n.startsWith('a/')));
    for (const n of ['x', 'x/y', 'x/y/b', 'x/y/b/c']) assert.ok(names.includes(n), n);
    const moved = (await store.getFolder(account.id, 'x/y/b/c'))!;
    assert.equal(moved.id, a.id);
    assert.equal(moved.uidValidity, a.uidValidity);
    assert.equal((await store.getFolder(account.id, 'x/y'))!.id, parent.id);
    assert.equal((await store.listMessages(moved.id)).length, 1);
    await assert.rejects(store.renameFolder(account.id, 'x/y', 'other'), (e) => isStoreError(e, 'exists'));
    await assert.rejects(store.renameFolder(account.id, 'missing', 'z'), (e) => isStoreError(e, 'not-found'));
    await assert.rejects(store.renameFolder(account.id, 'x', 'x/inner'), (e) => isStoreError(e, 'invalid'));
    await assert.rejects(store.renameFolder(account.id, 'other', 'inbox'), (e) => isStoreError(e, 'exists'));
  } finally {
    await cleanup();
  }
});

test('renaming INBOX moves its messages to a new folder and leaves INBOX empty (RFC 3501 §6.3.5)', async () => {
  const { store, account, inbox, cleanup } = await openStoreWithAccount();
  try {
    const child = await store.createFolder(account.id, 'INBOX/keep');
    for (let i = 1; i <= 3; i++) await ingestMessage(store, inbox.id, sampleMessage(i));
    await store.renameFolder(account.id, 'INBOX', 'Old Inbox');
    const old = (await store.getFolder(account.id, 'Old Inbox'))!;
    assert.notEqual(old.id, inbox.id);
    assert.notEqual(old.uidValidity, inbox.uidValidity);
    assert.deepEqual((await store.listMessages(old.id)).map((m) => m.uid), [1, 2, 3]);
    assert.equal(old.uidNext, 4);
    const after = (await store.getFolder(account.id, 'INBOX'))!;
    assert.equal(after.id, inbox.id);
    assert.equal(after.uidValidity, inbox.uidValidity);
    assert.equal(after.uidNext, 4, 'UIDs of INBOX are not reused');
    assert.equal((await store.listMessages(inbox.id)).length, 0);
    assert.equal((await store.getFolder(account.id, 'INBOX/keep'))?.id, child.id);
    const next = await ingestMessage(store, inbox.id, sampleMessage(4));
    assert.equal(next.uid, 4);
  } finally {
    await cleanup();
  }
});

test('delete: refuses INBOX and folders with children, removes messages', async () => {
  const { store, account, cleanup } = await openStoreWithAccount();
  try {
    await store.createFolder(account.id, 'p/q');
    await assert.rejects(store.deleteFolder(account.id, 'p'), (e) => isStoreError(e, 'not-empty'));
    await assert.rejects(store.deleteFolder(account.id, 'INBOX'), (e) => isStoreError(e, 'invalid'));
    await assert.rejects(store.deleteFolder(account.id, 'nope'), (e) => isStoreError(e, 'not-found'));
    const q = (await store.getFolder(account.id, 'p/q'))!;
    await ingestMessage(store, q.id, sampleMessage(1));
    await store.deleteFolder(account.id, 'p/q');
    await store.deleteFolder(account.id, 'p');
    assert.equal(await store.getFolderById(q.id), undefined);
    assert.deepEqual(await store.listMessages(q.id), []);
  } finally {
    await cleanup();
  }
});

test('summarizeFolders: messages, unseen and bytes per folder', async () => {
  const { store, account, inbox, cleanup } = await openStoreWithAccount();
  try {
    const a = await ingestMessage(store, inbox.id, sampleMessage(1), { flags: ['\\Seen'] });
    const b = await ingestMessage(store, inbox.id, sampleMessage(2));
    const c = await ingestMessage(store, inbox.id, sampleMessage(3, 'longer body text'));
    const summary = await store.summarizeFolders(account.id);
    const row = summary.find((f) => f.name === 'INBOX')!;
    assert.deepEqual([row.messages, row.unseen, row.bytes], [3, 2, a.size + b.size + c.size]);
    const trash = summary.find((f) => f.name === 'Trash')!;
    assert.deepEqual([trash.messages, trash.unseen, trash.bytes], [0, 0, 0]);
    assert.equal(summary[0]!.name, 'INBOX');
  } finally {
    await cleanup();
  }
});
