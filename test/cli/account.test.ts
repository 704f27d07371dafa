import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { cliIn, seed, tempDir } from './run-cli.ts';

async function passwordWorks(dataDir: string, address: string, password: string): Promise<boolean> {
  const store = await openStore({ dataDir });
  try {
    return (await store.verifyPassword(address, password)) !== undefined;
  } finally {
    await store.close();
  }
}

/** every file under dir, read as latin1, joined: to prove a password was never written in clear */
function allText(dir: string): string {
  return readdirSync(dir).map((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allText(path) : readFileSync(path, 'latin1');
  }).join('\n');
}

test('account add with --password-file, list, passwd, rm', async (t) => {
  const dir = tempDir(t);
  const dataDir = join(dir, 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org', 'other.example'] });
  writeFileSync(join(dir, 'alice.pw'), 'S3cret-From-File\n');

  const added = await cli('account', 'add', 'Alice@Example.org', '--password-file', join(dir, 'alice.pw'));
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, 'account alice@example.org added\n');
  assert.ok(await passwordWorks(dataDir, 'alice@example.org', 'S3cret-From-File'));

  writeFileSync(join(dir, 'bob.pw'), 'bob-pw');
  await cli('account', 'add', 'bob@other.example', '--password-file', join(dir, 'bob.pw'));
  const table = await cli('account', 'list');
  assert.match(table.stdout, /^ADDRESS\s+STATE\s+CREATED \(UTC\)\nalice@example\.org\s+active\s+\S+ \S+\nbob@other\.example\s+active/);
  const onlyOne = JSON.parse((await cli('account', 'list', 'other.example', '--json')).stdout);
  assert.deepEqual(onlyOne.map((a: { address: string }) => a.address), ['bob@other.example']);

  writeFileSync(join(dir, 'new.pw'), 'Changed-Later\n');
  const changed = await cli('account', 'passwd', 'alice@example.org', '--password-file', join(dir, 'new.pw'));
  assert.equal(changed.code, 0, changed.stderr);
  assert.equal(changed.stdout, 'password of alice@example.org changed\n');
  assert.ok(await passwordWorks(dataDir, 'alice@example.org', 'Changed-Later'));
  assert.ok(!(await passwordWorks(dataDir, 'alice@example.org', 'S3cret-From-File')));

  const removed = await cli('account', 'rm', 'alice@example.org');
  assert.equal(removed.code, 0, removed.stderr);
  assert.deepEqual(JSON.parse((await cli('account', 'list', '--json')).stdout).map((a: { address: string }) => a.address), ['bob@other.example']);
});

test('a password piped on standard input is read as one line; it never shows in output, logs or data files', async (t) => {
  const dir = tempDir(t);
  const dataDir = join(dir, 'data');
  const secret = 'Piped-Pa55word-xyzzy';
  const cli = cliIn(dataDir, { input: `${secret}\nrest is ignored\n` });
  await seed(dataDir, { domains: ['example.org'] });
  const added = await cli('--log-level', 'all', 'account', 'add', 'carol@example.org');
  assert.equal(added.code, 0, added.stderr);
  assert.ok(await passwordWorks(dataDir, 'carol@example.org', secret));
  const passwd = await cli('--log-level', 'all', 'account', 'passwd', 'carol@example.org');
  assert.equal(passwd.code, 0, passwd.stderr);
  for (const output of [added.stdout, added.stderr, passwd.stdout, passwd.stderr]) assert.ok(!output.includes(secret));
  assert.ok(!allText(dataDir).includes(secret), 'the password is stored hashed, not in clear');
});

test('account errors name what is wrong and where', async (t) => {
  const dir = tempDir(t);
  const dataDir = join(dir, 'data');
  await seed(dataDir, { domains: ['example.org'], accounts: { 'alice@example.org': 'pw' } });
  const cli = cliIn(dataDir, { input: 'pw\n' });
  writeFileSync(join(dir, 'empty.pw'), '\n');
  // independent of each other: run side by side
  const [noDomain, badAddress, noFile, empty, noInput, twice, unknown, listUnknownDomain, argvPassword] = await Promise.all([
    cli('account', 'add', 'bob@other.example'),
    cli('account', 'add', 'no-at-sign'),
    cli('account', 'add', 'bob@example.org', '--password-file', join(dir, 'missing.pw')),
    cli('account', 'add', 'bob@example.org', '--password-file', join(dir, 'empty.pw')),
    cliIn(dataDir, { input: '' })('account', 'add', 'bob@example.org'),
    cli('account', 'add', 'alice@example.org'),
    cli('account', 'rm', 'nobody@example.org'),
    cli('account', 'list', 'nowhere.example'),
    cli('account', 'add', 'dave@example.org', '--password', 'x'),
  ]);
  assert.equal(noDomain.code, 1);
  assert.equal(noDomain.stderr, 'error: domain other.example does not exist (add it first: mailferry domain add other.example)\n');
  assert.equal(badAddress.code, 1);
  assert.equal(badAddress.stderr, 'error: "no-at-sign" is not a valid mail address (expected local@domain)\n');
  assert.equal(noFile.code, 1);
  assert.equal(noFile.stderr, `error: cannot read password file ${join(dir, 'missing.pw')}: file not found\n`);
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /^error: password file .*empty\.pw is empty\n$/);
  assert.equal(noInput.code, 1);
  assert.match(noInput.stderr, /^error: no password on standard input/);
  assert.equal(twice.code, 1);
  assert.equal(twice.stderr, 'error: account alice@example.org already exists\n');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error: account nobody@example\.org does not exist/);
  assert.equal(listUnknownDomain.code, 1);
  assert.match(listUnknownDomain.stderr, /^error: domain nowhere\.example does not exist/);
  assert.equal(argvPassword.code, 2, 'there is no --password option: passwords never go on the command line');
  // nothing of the refused commands was stored
  assert.deepEqual(JSON.parse((await cli('account', 'list', '--json')).stdout).map((a: { address: string }) => a.address), ['alice@example.org']);
});
