// `mailferry sync` as administrators run it: the summary table and the verification table, exit 0 when all is
// copied, 1 when an item failed (listed), 2 for a usage or configuration error; passwords from a file or the
// environment, never from the command line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import { cliIn, seed } from '../cli/run-cli.ts';
import { ACCOUNT, fillMaildir, imapUrl, PASSWORD, sampleMailbox, MAILDIR_FOLDERS, startMailServer } from './fixtures.ts';

let dir: string;
let server: DovecotInstance;
let cli: ReturnType<typeof cliIn>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mailferry-sync-cli-'));
  await seed(join(dir, 'data'), { domains: ['example.org'], accounts: { [ACCOUNT]: 'local-pw' } });
  await fillMaildir(join(dir, 'maildir'), sampleMailbox(MAILDIR_FOLDERS, 12));
  server = await startMailServer('slash');
  cli = cliIn(join(dir, 'data'), { timeoutMs: 60_000 });
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('exit 0, the summary table and --verify', { timeout: 60_000 }, async () => {
  const result = await cli('sync', `maildir:${join(dir, 'maildir')}`, `local:${ACCOUNT}`, '--verify');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /folder\s+destination\s+copied/);
  assert.match(result.stdout, /verification \(destination read back\):\nfolder\s+source\s+destination\s+missing\s+extra\s+mismatched/);
  assert.match(result.stdout, /sync complete: maildir:/);
  const again = await cli('sync', `maildir:${join(dir, 'maildir')}`, `local:${ACCOUNT}`, '--json');
  assert.equal(again.code, 0);
  const report = JSON.parse(again.stdout);
  assert.equal(report.folders.reduce((sum: number, f: { copied: number }) => sum + f.copied, 0), 0, 'a rerun copies nothing');
});

test('exit 2 for usage and configuration errors', async () => {
  const inUrl = await cli('sync', `imap://alice:${PASSWORD}@127.0.0.1:143`, `local:${ACCOUNT}`);
  assert.equal(inUrl.code, 2);
  assert.match(inUrl.stderr, /holds a password/);
  assert.ok(!inUrl.stderr.includes(PASSWORD));
  assert.equal((await cli('sync', 'ftp://x', `local:${ACCOUNT}`)).code, 2);
  assert.equal((await cli('sync', `maildir:${dir}`, `local:${ACCOUNT}`, '--mode', 'weird')).code, 2);
  assert.equal((await cli('sync', `maildir:${dir}`, `local:${ACCOUNT}`, '--since', 'yesterday-ish')).code, 2);
  assert.equal((await cli('sync', `maildir:${dir}`, `pop3://alice@127.0.0.1:110`)).code, 2, 'POP3 cannot be written to');
  const noPassword = await cli('sync', imapUrl(server), `local:${ACCOUNT}`, '--allow-plaintext');
  assert.equal(noPassword.code, 2);
  assert.match(noPassword.stderr, /no password: give --src-password-file FILE or set MAILFERRY_SRC_PASSWORD/);
});

test('passwords from a file and from the environment; exit 1 with the failed message listed', { timeout: 60_000 }, async () => {
  const pwFile = join(dir, 'src.pw');
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  // an empty message: Dovecot refuses to store it, the rest is copied
  const withEmpty = join(dir, 'with-empty');
  await fillMaildir(withEmpty, [
    { folder: 'INBOX', bytes: Buffer.from('Subject: a\r\n\r\na\r\n'), flags: [], internalDate: new Date() },
    { folder: 'INBOX', bytes: Buffer.alloc(0), flags: [], internalDate: new Date() },
  ]);
  const toServer = await cli('sync', `maildir:${withEmpty}`, imapUrl(server), '--allow-plaintext', '--dst-password-file', pwFile);
  assert.equal(toServer.code, 1, toServer.stderr);
  assert.match(toServer.stdout, /failed: INBOX: message .* \(0 bytes\): .*zero byte/i);
  const fromServer = await cliIn(join(dir, 'data'), { env: { MAILFERRY_SRC_PASSWORD: PASSWORD } })('sync', imapUrl(server), `local:${ACCOUNT}`, '--allow-plaintext');
  assert.equal(fromServer.code, 0, fromServer.stderr);
  assert.match(fromServer.stdout, /INBOX\s+INBOX\s+1\s/);
});
