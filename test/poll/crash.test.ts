import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { addPoll, runPollNow } from '../../src/admin/poll.ts';
import { message, pollFixture, type PollFixture } from './fixture.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
let fx: PollFixture;

before(async () => {
  fx = await pollFixture({ remoteUsers: ['remote'], localAccounts: ['alice@example.org'] });
});

after(async () => {
  await fx?.close();
});

/** Starts the child, waits for it to pause, kills it with SIGKILL. */
async function crashAt(pauseAt: 'append' | 'registry'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, fx.temp.dataDir, 'alice@example.org', 'drop', pauseAt], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('PAUSED')) resolve();
      if (output.includes('DONE')) reject(new Error('the child finished without pausing'));
    });
    child.once('exit', () => reject(new Error(`the child exited before pausing: ${errors}`)));
  });
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
}

async function localMessages() {
  const account = (await fx.temp.store.getAccount('alice@example.org'))!;
  const inbox = (await fx.temp.store.getFolder(account.id, 'INBOX'))!;
  return fx.temp.store.listMessages(inbox.id);
}

test('delete mode: kill -9 between fetch and commit, or between commit and registry, loses nothing and duplicates nothing', async () => {
  await addPoll(fx.context, 'alice@example.org', 'drop', {
    protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user: 'remote', password: 'pw-remote', deleteRemote: true,
  });
  const sent = Array.from({ length: 40 }, (_, i) => message(`crash ${i}`));
  for (const bytes of sent) fx.deliver('remote', bytes);

  // fetched, blobs written, transaction not committed: the remote keeps everything, nothing is visible here
  await crashAt('append');
  assert.equal(fx.remoteCount('remote'), 40, 'nothing deleted before the local commit');
  assert.equal((await localMessages()).length, 0);
  await fx.temp.reopen(); // as a restarted server would; the dead process's lease is taken over
  fx.context.store = fx.temp.store;

  // committed, registry not written: the remote still has everything; a rerun must not deliver twice
  await crashAt('registry');
  assert.equal(fx.remoteCount('remote'), 40, 'nothing deleted before the registry says the copies are durable');
  assert.equal((await localMessages()).length, 40, 'the committed delivery survived the kill');
  await fx.temp.reopen();
  fx.context.store = fx.temp.store;

  const result = await runPollNow(fx.context, 'alice@example.org', 'drop');
  assert.equal(result.error, null);
  assert.equal(result.delivery.duplicates, 40, 'the refetched messages were recognised as delivered');
  assert.equal(result.deleted, 40);
  assert.equal(fx.remoteCount('remote'), 0);
  const stored = await localMessages();
  assert.equal(stored.length, 40, 'each message exactly once');
  assert.deepEqual(new Set(stored.map((m) => m.messageId)).size, 40);
});
