// Black-box: `mailferry serve` runs the poll scheduler — a due record is polled without `poll run`, the session
// line is logged at major, the low-level transcript masks the password, and SIGTERM stops it cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addPoll } from '../../src/admin/poll.ts';
import { configSchema } from '../../src/config/schema.ts';
import { createLogger } from '../../src/log/logger.ts';
import { openStore } from '../../src/store/open.ts';
import { BIN, cleanEnv, ephemeralPorts, seed, tempDir } from '../cli/run-cli.ts';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.ts';
import { message } from './fixture.ts';
import { chownSync, statSync, writeFileSync } from 'node:fs';

let dovecot: DovecotInstance;

before(async () => {
  dovecot = await startDovecot({ users: [{ user: 'remote', password: 'remote-secret-pw' }] });
});

after(async () => {
  await dovecot?.stop();
});

test('serve polls due records on its own schedule and stops cleanly', async (t) => {
  const dataDir = join(tempDir(t), 'data');
  await seed(dataDir, { domains: ['example.org'], accounts: { 'alice@example.org': 'local pw' } });
  const store = await openStore({ dataDir });
  try {
    const config = configSchema.parse({ store: { dataDir }, pop3: { port: 0, tlsPort: 0 }, imap: { port: 0, tlsPort: 0 } });
    await addPoll({ store, config, logger: createLogger({ level: 'problems' }) }, 'alice@example.org', 'work', {
      protocol: 'pop3', host: `127.0.0.1:${dovecot.pop3Port}`, tls: 'none', user: 'remote', password: 'remote-secret-pw',
    });
  } finally {
    await store.close();
  }
  const file = join(dovecot.mailDir('remote'), 'new', 'served.1');
  writeFileSync(file, message('served'));
  const owner = statSync(join(dovecot.dir, 'mail'));
  chownSync(file, owner.uid, owner.gid);

  const env = { ...ephemeralPorts(), MAILFERRY_POLL_CHECK_INTERVAL_SECONDS: '0.2', MAILFERRY_LOG_LEVEL: 'low-level' };
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve'], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!/RPOP alice@example\.org\/work .* OK/.test(stderr)) {
    assert.ok(Date.now() < deadline && child.exitCode === null, `no poll by serve:\n${stderr.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.match(stderr, /poll scheduler \(10 at once, 5 per host\)/);
  const session = stderr.split('\n').find((line) => line.includes('RPOP alice@example.org/work'))!;
  assert.equal(JSON.parse(session).level, 30, 'the session line is at major');
  assert.match(session, /1 msgs/);
  assert.match(stderr, /UIDL/, 'the low-level transcript is logged');
  assert.ok(!stderr.includes('remote-secret-pw'), 'the password is masked in the transcript');
  child.kill('SIGTERM');
  assert.equal(await exited, 0);

  const check = await openStore({ dataDir });
  try {
    const account = (await check.getAccount('alice@example.org'))!;
    assert.equal((await check.listMessages((await check.getFolder(account.id, 'INBOX'))!.id)).length, 1);
    const [record] = await check.polls.list();
    assert.equal(record!.state.leaseOwner, null, 'the lease is given back');
    assert.equal(record!.state.totalMessages, 1);
  } finally {
    await check.close();
  }
});
