import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliIn, runCli, seed, tempDir } from './run-cli.ts';

test('domain add, list (table and --json), rm', async (t) => {
  const cli = cliIn(join(tempDir(t), 'data'));
  const added = await cli('domain', 'add', 'Example.ORG');
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, 'domain example.org added\n');
  assert.equal((await cli('domain', 'add', 'b.example')).code, 0);

  const table = await cli('domain', 'list');
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^DOMAIN\s+ACCOUNTS\s+ALIASES\s+CREATED \(UTC\)$/);
  assert.match(lines[1], /^b\.example\s+0\s+0\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.match(lines[2], /^example\.org\s+0\s+0\s+/);
  // columns line up: every row's second column starts at the same offset
  assert.equal(lines[1].indexOf(' 0 '), lines[2].indexOf(' 0 '));

  const json = await cli('domain', 'list', '--json');
  const domains = JSON.parse(json.stdout) as Array<{ name: string; accounts: number }>;
  assert.deepEqual(domains.map((d) => d.name), ['b.example', 'example.org']);
  assert.equal(domains[0].accounts, 0);

  const removed = await cli('domain', 'rm', 'b.example');
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(removed.stdout, 'domain b.example removed\n');
  assert.deepEqual(JSON.parse((await cli('domain', 'list', '--json')).stdout).map((d: { name: string }) => d.name), ['example.org']);
});

test('domain errors: one line on stderr, exit 1; usage errors exit 2', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org'] });
  const [twice, invalid, missing, noArgument, tooMany, unknown] = await Promise.all([
    cli('domain', 'add', 'example.org'),
    cli('domain', 'add', 'not a domain!'),
    cli('domain', 'rm', 'nowhere.example'),
    cli('domain', 'add'),
    cli('domain', 'add', 'a.example', 'b.example'),
    runCli(['domian', 'list']),
  ]);
  assert.equal(twice.code, 1);
  assert.equal(twice.stderr, 'error: domain example.org already exists\n');
  assert.equal(invalid.code, 1);
  assert.equal(invalid.stderr, 'error: "not a domain!" is not a valid domain name\n');
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'error: domain nowhere.example does not exist (add it first: mailferry domain add nowhere.example)\n');
  assert.equal(noArgument.code, 2);
  assert.match(noArgument.stderr, /^error: missing required argument 'name'/);
  assert.equal(tooMany.code, 2);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'domian'/);
});

test('a domain with accounts or aliases is not removed', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org'], accounts: { 'alice@example.org': 'pw' } });
  assert.equal((await cli('alias', 'add', 'sales@example.org', 'alice@example.org')).code, 0);
  const refused = await cli('domain', 'rm', 'example.org');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^error: domain example\.org still has 1 account and 1 alias \(remove them first: /);
});
