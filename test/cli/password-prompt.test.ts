// The interactive prompt: a real pseudo-terminal (driven by Python's pty module) types the password twice;
// nothing typed is echoed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/open.ts';
import { BIN, cleanEnv, cliIn, tempDir } from './run-cli.ts';

const DRIVER = fileURLToPath(new URL('./fixtures/pty-drive.py', import.meta.url));
const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

function onTerminal(answers: string[], args: string[]): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [DRIVER, ...answers, '--', process.execPath, BIN, ...args], { env: cleanEnv() });
    let screen = '';
    child.stdout.on('data', (chunk) => (screen += chunk));
    child.stderr.on('data', (chunk) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

test('account add asks twice on a terminal with echo off; a mismatch changes nothing', { skip: !hasPython && 'python3 with pty is missing' }, async (t) => {
  const dataDir = join(tempDir(t), 'data');
  await cliIn(dataDir)('domain', 'add', 'example.org');
  const secret = 'Typed-On-The-Terminal-42';

  const added = await onTerminal([secret, secret], ['--data-dir', dataDir, 'account', 'add', 'alice@example.org']);
  assert.equal(added.code, 0, added.screen);
  assert.match(added.screen, /New password for alice@example\.org: \r?\nRepeat the password: \r?\naccount alice@example\.org added/);
  assert.ok(!added.screen.includes(secret), 'the password was echoed');

  const mismatch = await onTerminal(['Other-1', 'Other-2'], ['--data-dir', dataDir, 'account', 'passwd', 'alice@example.org']);
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.screen, /error: the two passwords differ; nothing was changed/);

  const store = await openStore({ dataDir });
  try {
    assert.ok(await store.verifyPassword('alice@example.org', secret));
  } finally {
    await store.close();
  }
});
