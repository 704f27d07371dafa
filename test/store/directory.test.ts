import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError } from '../../src/store/errors.ts';
import { openTempStore } from './temp-store.ts';

test('domains: add, list, duplicate refused, removal refused while in use', async () => {
  const { store, cleanup } = await openTempStore();
  try {
    const domain = await store.addDomain('Example.ORG');
    assert.equal(domain.name, 'example.org');
    await assert.rejects(store.addDomain('example.org'), (e) => isStoreError(e, 'exists') && /example\.org/.test(e.message));
    await store.addDomain('other.test');
    assert.deepEqual((await store.listDomains()).map((d) => d.name), ['example.org', 'other.test']);
    await store.addAccount('bob@example.org', 'pw');
    await assert.rejects(store.removeDomain('example.org'), (e) => isStoreError(e, 'not-empty'));
    await store.removeDomain('other.test');
    await assert.rejects(store.removeDomain('other.test'), (e) => isStoreError(e, 'not-found'));
    assert.equal(await store.getDomain('other.test'), undefined);
    await assert.rejects(store.addDomain('bad domain'), (e) => isStoreError(e, 'invalid'));
  } finally {
    await cleanup();
  }
});

test('accounts: password verify, wrong password, duplicates, unknown domain, set password', async () => {
  const { store, cleanup } = await openTempStore();
  try {
    await store.addDomain('example.org');
    const alice = await store.addAccount('Alice@Example.org', 'correct horse');
    assert.equal(alice.address, 'alice@example.org');
    assert.equal((await store.verifyPassword('ALICE@example.org', 'correct horse'))?.id, alice.id);
    assert.equal(await store.verifyPassword('alice@example.org', 'Correct horse'), undefined);
    assert.equal(await store.verifyPassword('nobody@example.org', 'correct horse'), undefined);
    assert.equal(await store.verifyPassword('not an address', 'x'), undefined);
    await assert.rejects(store.addAccount('alice@example.org', 'x'), (e) => isStoreError(e, 'exists') && e.message.includes('alice@example.org'));
    await assert.rejects(store.addAccount('carol@nowhere.test', 'x'), (e) => isStoreError(e, 'not-found') && e.message.includes('nowhere.test'));
    await assert.rejects(store.addAccount('dave@example.org', ''), (e) => isStoreError(e, 'invalid'));
    await store.setPassword('alice@example.org', 'battery staple');
    assert.equal(await store.verifyPassword('alice@example.org', 'correct horse'), undefined);
    assert.ok(await store.verifyPassword('alice@example.org', 'battery staple'));
    assert.equal((await store.getAccountById(alice.id))?.address, 'alice@example.org');
    await store.addDomain('other.test');
    await store.addAccount('zed@other.test', 'x');
    assert.deepEqual((await store.listAccounts('example.org')).map((a) => a.address), ['alice@example.org']);
    assert.equal((await store.listAccounts()).length, 2);
  } finally {
    await cleanup();
  }
});

test('accounts: new account has INBOX and the special-use folders; removal takes them away', async () => {
  const { store, cleanup } = await openTempStore();
  try {
    await store.addDomain('example.org');
    const alice = await store.addAccount('alice@example.org', 'pw');
    const folders = await store.listFolders(alice.id);
    assert.deepEqual(folders.map((f) => [f.name, f.specialUse]), [
      ['INBOX', null], ['Archive', '\\Archive'], ['Drafts', '\\Drafts'], ['Junk', '\\Junk'], ['Sent', '\\Sent'], ['Trash', '\\Trash'],
    ]);
    assert.equal(new Set(folders.map((f) => f.uidValidity)).size, folders.length);
    await store.removeAccount('alice@example.org');
    assert.equal(await store.getAccount('alice@example.org'), undefined);
    assert.deepEqual(await store.listFolders(alice.id), []);
    await assert.rejects(store.removeAccount('alice@example.org'), (e) => isStoreError(e, 'not-found'));
  } finally {
    await cleanup();
  }
});

test('password hashes are self-describing scrypt and never stored in clear', async () => {
  const { hashPassword, verifyPasswordHash } = await import('../../src/store/passwords.ts');
  const hash = await hashPassword('s3cret', { ln: 4, r: 8, p: 1 });
  assert.match(hash, /^\$scrypt\$ln=4,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
  assert.ok(!hash.includes('s3cret'));
  assert.equal(await verifyPasswordHash('s3cret', hash), true);
  assert.equal(await verifyPasswordHash('s3cret ', hash), false);
  assert.equal(await verifyPasswordHash('s3cret', '$scrypt$garbage'), false);
  const standard = await hashPassword('s3cret');
  assert.ok(standard.startsWith('$scrypt$ln=15,r=8,p=1$'));
  assert.equal(await verifyPasswordHash('s3cret', standard), true);
});

test('aliases: several targets, case-insensitive resolution, catch-all, removal', async () => {
  const { store, cleanup } = await openTempStore();
  try {
    await store.addDomain('example.org');
    const alice = await store.addAccount('alice@example.org', 'pw');
    const bob = await store.addAccount('bob@example.org', 'pw');
    await store.addAlias('Team@example.org', 'alice@example.org');
    await store.addAlias('team@example.org', 'BOB@example.org');
    await store.addAlias('team@example.org', 'someone@outside.test');
    await assert.rejects(store.addAlias('team@example.org', 'bob@example.org'), (e) => isStoreError(e, 'exists'));
    await assert.rejects(store.addAlias('x@unknown.test', 'bob@example.org'), (e) => isStoreError(e, 'not-found'));
    assert.deepEqual((await store.resolveRecipient('TEAM@EXAMPLE.ORG')).map((a) => a.id), [alice.id, bob.id]);
    assert.deepEqual((await store.resolveRecipient('Alice@example.org')).map((a) => a.id), [alice.id]);
    assert.deepEqual(await store.resolveRecipient('nobody@example.org'), []);
    await store.addAlias('@example.org', 'bob@example.org');
    assert.deepEqual((await store.resolveRecipient('nobody@example.org')).map((a) => a.id), [bob.id]);
    assert.deepEqual((await store.resolveRecipient('alice@example.org')).map((a) => a.id), [alice.id]);
    assert.equal((await store.listAliases('example.org')).length, 4);
    await store.removeAlias('team@example.org', 'alice@example.org');
    assert.deepEqual((await store.resolveRecipient('team@example.org')).map((a) => a.id), [bob.id]);
    await store.removeAlias('team@example.org');
    await assert.rejects(store.removeAlias('team@example.org'), (e) => isStoreError(e, 'not-found'));
    await store.removeAlias('@example.org');
    await store.removeAccount('alice@example.org');
    await store.removeAccount('bob@example.org');
    await store.removeDomain('example.org');
  } finally {
    await cleanup();
  }
});
