import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliIn, seed, tempDir } from './run-cli.ts';

test('alias add, list, rm of one target and of all', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org', 'other.example'] });
  const added = await cli('alias', 'add', 'Sales@example.org', 'alice@example.org');
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, 'alias sales@example.org → alice@example.org added\n');
  await Promise.all([
    cli('alias', 'add', 'sales@example.org', 'bob@outside.example'),
    cli('alias', 'add', 'info@other.example', 'carol@example.org'),
  ]);

  const table = await cli('alias', 'list', 'example.org');
  assert.equal(table.stdout,
    'ALIAS              TARGET\n' +
    'sales@example.org  alice@example.org\n' +
    'sales@example.org  bob@outside.example\n');
  assert.equal(JSON.parse((await cli('alias', 'list', '--json')).stdout).length, 3);

  const one = await cli('alias', 'rm', 'sales@example.org', 'bob@outside.example');
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.stdout, 'alias sales@example.org → bob@outside.example removed\n');
  const all = await cli('alias', 'rm', 'info@other.example');
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(JSON.parse((await cli('alias', 'list', '--json')).stdout),
    [{ source: 'sales@example.org', target: 'alice@example.org' }]);
});

test('alias errors', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const cli = cliIn(dataDir);
  await seed(dataDir, { domains: ['example.org'] });
  assert.equal((await cli('alias', 'add', 'sales@example.org', 'alice@example.org')).code, 0);
  const [noDomain, twice, missing, catchAll, missingTarget] = await Promise.all([
    cli('alias', 'add', 'sales@other.example', 'alice@example.org'),
    cli('alias', 'add', 'sales@example.org', 'alice@example.org'),
    cli('alias', 'rm', 'sales@example.org', 'bob@example.org'),
    cli('alias', 'add', '@Example.org', 'postmaster@example.org'),
    cli('alias', 'add', 'sales@example.org'),
  ]);
  assert.equal(noDomain.code, 1);
  assert.equal(noDomain.stderr, 'error: domain other.example does not exist (add it first: mailferry domain add other.example)\n');
  assert.equal(twice.code, 1);
  assert.equal(twice.stderr, 'error: alias sales@example.org → alice@example.org already exists\n');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: alias sales@example\.org → bob@example\.org does not exist/);
  assert.equal(catchAll.stdout, 'alias @example.org → postmaster@example.org added\n');
  assert.equal(missingTarget.code, 2);
});
