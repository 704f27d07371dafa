// The real `mailferry import` / `mailferry export` commands, run as a person or a script would.
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { MaildirTarget } from '../../src/formats/maildir/writer.ts';
import { openStore } from '../../src/store/open.ts';
import { cliIn, tempDir } from '../cli/run-cli.ts';
import { awkwardMessages, chunked } from '../formats/samples.ts';

test('import and export from the command line: summary, failures, exit codes, rerun', async (t) => {
  const dir = tempDir(t, 'mailferry-import-cli-');
  const dataDir = join(dir, 'data');
  const store = await openStore({ dataDir, scryptCost: { ln: 4, r: 8, p: 1 } });
  await store.addDomain('example.org');
  await store.addAccount('alice@example.org', 'pw');
  await store.close();

  const source = join(dir, 'Maildir');
  const target = new MaildirTarget(source);
  for (const sample of awkwardMessages().slice(0, 3)) {
    await target.write({ folder: 'INBOX', flags: sample.flags, internalDate: sample.internalDate, body: chunked(sample.bytes) });
  }
  await target.close();
  await symlink(join(dir, 'gone'), join(source, 'cur', '9.M9P9.host:2,S'));
  const cli = cliIn(dataDir);

  const first = await cli('import', `maildir:${source}`, 'alice@example.org');
  assert.equal(first.code, 1, 'a failed message makes the exit code 1');
  assert.match(first.stdout, /^imported 3 messages \([\d.]+ MB\) from maildir:\S+ to alice@example\.org in [\d.]+ s .*; 0 already present, skipped; 1 failed\n/);
  assert.match(first.stdout, /failed: \S+9\.M9P9\.host:2,S: ENOENT/);
  assert.match(first.stderr, /9\.M9P9\.host:2,S: ENOENT/, 'the failure is also on the log');

  const again = await cli('import', `maildir:${source}`, 'alice@example.org', '--json');
  const summary = JSON.parse(again.stdout);
  assert.deepEqual([summary.messages, summary.skipped, summary.failed], [0, 3, 1]);

  const mbox = join(dir, 'out.mbox');
  const exported = await cli('export', 'alice@example.org', `mbox:${mbox}`);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /^exported 3 messages .* to mbox:\S+out\.mbox .*; 0 failed\n$/);
  assert.match(exported.stderr, /exporting INBOX only/);

  await mkdir(join(dir, 'eml'));
  await writeFile(join(dir, 'eml', 'a.eml'), 'Subject: a\r\n\r\nx\r\n');
  const prefixed = await cli('import', `eml:${join(dir, 'eml')}`, 'alice@example.org', '--folder-prefix', 'Old');
  assert.equal(prefixed.code, 0, prefixed.stderr);
  const listed = await cli('mailbox', 'list', 'alice@example.org');
  assert.match(listed.stdout, /Old\/INBOX/);

  const missing = await cli('import', `maildir:${source}`, 'nobody@example.org');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: account nobody@example\.org does not exist/m);
  const badSpec = await cli('export', 'alice@example.org', 'ftp://x');
  assert.equal(badSpec.code, 1);
  assert.match(badSpec.stderr, /not a file source/);

  const help = await cli('import', '--help');
  assert.match(help.stdout, /Examples:\n\s+\$ mailferry import maildir:/);
});
