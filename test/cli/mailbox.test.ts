import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { ingestMessage } from '../../src/store/ingest.ts';
import { cliIn, seed, tempDir } from './run-cli.ts';

/** Puts `count` messages of `size` bytes into a folder through the store, the first one \Seen. */
async function fill(dataDir: string, address: string, folderName: string, count: number, size: number): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    const account = (await store.getAccount(address))!;
    const folder = (await store.getFolder(account.id, folderName))!;
    for (let i = 0; i < count; i += 1) {
      const head = `Message-ID: <m${i}.${folderName}@test>\r\nSubject: ${i}\r\n\r\n`;
      const raw = Buffer.from(head + 'x'.repeat(size - head.length));
      await ingestMessage(store, folder.id, raw, { flags: i === 0 ? ['\\Seen'] : [] });
    }
  } finally {
    await store.close();
  }
}

test('mailbox list shows folder, messages, unseen, size and special use; --json gives bytes', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org'], accounts: { 'alice@example.org': 'pw' } });
  await fill(dataDir, 'alice@example.org', 'INBOX', 3, 2048);

  const table = await cli('mailbox', 'list', 'alice@example.org');
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^FOLDER\s+MESSAGES\s+UNSEEN\s+SIZE\s+SPECIAL-USE$/);
  assert.match(lines[1], /^INBOX\s+3\s+2\s+6\.0 KiB$/);
  assert.ok(lines.some((line) => /^Sent\s+0\s+0\s+0 B\s+\\Sent$/.test(line)), table.stdout);
  assert.ok(lines.some((line) => /^Trash\s+0\s+0\s+0 B\s+\\Trash$/.test(line)), table.stdout);

  const json = JSON.parse((await cli('mailbox', 'list', 'alice@example.org', '--json')).stdout);
  assert.deepEqual(
    json.find((f: { name: string }) => f.name === 'INBOX'),
    { name: 'INBOX', messages: 3, unseen: 2, bytes: 6144, specialUse: null, subscribed: true },
  );
});

test('mailbox create, rename, delete (refused while not empty unless --force)', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org'], accounts: { 'alice@example.org': 'pw' } });
  const names = async (): Promise<string[]> =>
    JSON.parse((await cli('mailbox', 'list', 'alice@example.org', '--json')).stdout).map((f: { name: string }) => f.name);

  const created = await cli('mailbox', 'create', 'alice@example.org', 'Projects/2025');
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stdout, 'folder "Projects/2025" created\n');
  assert.ok((await names()).includes('Projects/2025'));

  const renamed = await cli('mailbox', 'rename', 'alice@example.org', 'Projects/2025', 'Done/2025');
  assert.equal(renamed.code, 0, renamed.stderr);
  assert.ok((await names()).includes('Done/2025'));
  assert.ok(!(await names()).includes('Projects/2025'));

  await fill(dataDir, 'alice@example.org', 'Done/2025', 1, 500);
  const refused = await cli('mailbox', 'delete', 'alice@example.org', 'Done/2025');
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr, 'error: folder "Done/2025" in alice@example.org still holds 1 message(s) (add --force to delete them with it)\n');
  const forced = await cli('mailbox', 'delete', 'alice@example.org', 'Done/2025', '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(!(await names()).includes('Done/2025'));
});

test('mailbox errors', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org'], accounts: { 'alice@example.org': 'pw' } });
  const [noAccount, inbox, exists, wildcard, missing, usage] = await Promise.all([
    cli('mailbox', 'list', 'bob@example.org'),
    cli('mailbox', 'delete', 'alice@example.org', 'inbox'),
    cli('mailbox', 'create', 'alice@example.org', 'Sent'),
    cli('mailbox', 'create', 'alice@example.org', 'A*B'),
    cli('mailbox', 'rename', 'alice@example.org', 'Nope', 'Other'),
    cli('mailbox', 'rename', 'alice@example.org', 'Sent'),
  ]);
  assert.equal(noAccount.code, 1);
  assert.match(noAccount.stderr, /^error: account bob@example\.org does not exist/);
  assert.equal(inbox.code, 1);
  assert.equal(inbox.stderr, 'error: INBOX cannot be deleted\n');
  assert.equal(exists.code, 1);
  assert.equal(exists.stderr, 'error: folder "Sent" already exists in alice@example.org\n');
  assert.equal(wildcard.code, 1);
  assert.match(wildcard.stderr, /^error: "A\*B" is not a valid folder name/);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: folder "Nope" does not exist in alice@example\.org/);
  assert.equal(usage.code, 2);
});
