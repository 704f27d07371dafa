import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStoreError } from '../../src/store/errors.ts';
import { applyFlagOperation, fromColumns, parseFlags, toColumns } from '../../src/store/flags.ts';
import { compareFolderNames, normalizeAddress, normalizeAliasSource, normalizeFolderName, parentNames } from '../../src/store/names.ts';

test('addresses and domains are lower-cased and validated', () => {
  assert.equal(normalizeAddress(' Alice.Smith@Example.ORG '), 'alice.smith@example.org');
  assert.equal(normalizeAliasSource('@Example.org'), '@example.org');
  for (const bad of ['alice', '@example.org', 'a b@example.org', 'a@', 'a@exa mple.org', 'a@.org', 'a@x..org']) {
    assert.throws(() => normalizeAddress(bad), (e) => isStoreError(e, 'invalid'), bad);
  }
});

test('folder names: INBOX case-insensitive, parents, display order', () => {
  assert.equal(normalizeFolderName('inbox'), 'INBOX');
  assert.equal(normalizeFolderName('Inbox/Sub'), 'INBOX/Sub');
  assert.equal(normalizeFolderName('Inboxes'), 'Inboxes');
  assert.deepEqual(parentNames('a/b/c'), ['a', 'a/b']);
  const sorted = ['b', 'a b', 'a/b', 'INBOX/x', 'a', 'INBOX'].sort(compareFolderNames);
  assert.deepEqual(sorted, ['INBOX', 'INBOX/x', 'a', 'a/b', 'a b', 'b']);
});

test('flags: system flags canonical, keywords de-duplicated case-insensitively, \\Recent ignored', () => {
  const parsed = parseFlags(['\\seen', '\\SEEN', 'Work', 'work', '$Label1', '\\Recent']);
  assert.deepEqual(fromColumns(toColumns(parsed)), ['\\Seen', 'Work', '$Label1']);
  assert.throws(() => parseFlags(['\\Custom']), (e) => isStoreError(e, 'invalid'));
  for (const bad of ['two words', 'paren(', 'quote"', 'star*', 'brace{', 'bracket]', '']) {
    assert.throws(() => parseFlags([bad]), (e) => isStoreError(e, 'invalid'), bad);
  }
  const current = toColumns(parseFlags(['\\Seen', 'a', 'B']));
  assert.deepEqual(fromColumns(applyFlagOperation(current, 'remove', parseFlags(['b', '\\Seen']))), ['a']);
  assert.deepEqual(fromColumns(applyFlagOperation(current, 'add', parseFlags(['\\Draft', 'c']))), ['\\Seen', '\\Draft', 'a', 'B', 'c']);
  assert.deepEqual(fromColumns(applyFlagOperation(current, 'set', parseFlags(['\\Answered']))), ['\\Answered']);
});
