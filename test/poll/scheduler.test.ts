import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPoll, listPolls } from '../../src/admin/poll.ts';
import { loadServerKey } from '../../src/crypto/server-key.ts';
import type { PollRunResult } from '../../src/poll/job.ts';
import { ownListeners } from '../../src/poll/listeners.ts';
import { PollScheduler } from '../../src/poll/scheduler.ts';
import { message, pollFixture, type PollFixture } from './fixture.ts';

const USERS = Array.from({ length: 8 }, (_, i) => `user${i}`);
let fx: PollFixture;

before(async () => {
  fx = await pollFixture({ remoteUsers: USERS, localAccounts: USERS.map((u) => `${u}@example.org`), config: { poll: { processes: 3, perHost: 2 } } });
  for (const user of USERS) {
    await addPoll(fx.context, `${user}@example.org`, 'remote', {
      protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user, password: `pw-${user}`, every: '1h',
    });
    for (let i = 0; i < 20; i++) fx.deliver(user, message(`${user} ${i}`, [], 'x'.repeat(20_000)));
  }
});

after(async () => {
  await fx?.close();
});

function maxOverlap(results: readonly PollRunResult[]): number {
  const events = results.flatMap((r) => [[r.startedAt.getTime(), 1], [r.finishedAt.getTime(), -1]] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, delta] of events) max = Math.max(max, (now += delta));
  return max;
}

test('the scheduler leases due records, keeps to the per-host limit, runs each once and reschedules it', async () => {
  const results: PollRunResult[] = [];
  const env = {
    store: fx.temp.store, serverKey: await loadServerKey(fx.temp.dataDir), config: fx.context.config.poll,
    listeners: ownListeners(fx.context.config), logger: fx.context.logger,
  };
  const scheduler = new PollScheduler(env, { onResult: (result) => results.push(result) });
  // a second scheduler on the same database (another node) shares the work: no record runs twice
  const other = new PollScheduler(env, { onResult: (result) => results.push(result) });
  const [a, b] = await Promise.all([scheduler.drain(), other.drain()]);
  assert.equal(a + b, USERS.length);
  assert.equal(results.length, USERS.length);
  assert.deepEqual(new Set(results.map((r) => r.record.id)).size, USERS.length, 'each record once');
  assert.ok(results.every((r) => r.error === null && r.messages === 20), results.map((r) => r.error).join(', '));
  assert.ok(maxOverlap(results) <= 4, 'two nodes × perHost 2');

  const { records } = await listPolls(fx.context);
  for (const view of records) {
    assert.equal(view.running, false, 'leases given back');
    assert.ok(view.nextRunAt.getTime() > Date.now() + 59 * 60_000, 'next run in an hour');
    assert.equal(view.totals.messages, 20);
  }
  assert.equal(await scheduler.drain(), 0, 'nothing due any more');
});

test('one scheduler alone never runs more than perHost polls against one host', async () => {
  const results: PollRunResult[] = [];
  for (const record of await fx.temp.store.polls.list()) await fx.temp.store.polls.runNow(record.id, new Date());
  for (const user of USERS) for (let i = 0; i < 5; i++) fx.deliver(user, message(`${user} again ${i}`, [], 'y'.repeat(50_000)));
  const scheduler = new PollScheduler({
    store: fx.temp.store, serverKey: await loadServerKey(fx.temp.dataDir), config: fx.context.config.poll,
    listeners: ownListeners(fx.context.config), logger: fx.context.logger,
  }, { onResult: (result) => results.push(result) });
  assert.equal(await scheduler.drain(), USERS.length);
  assert.ok(maxOverlap(results) <= 2, `at most 2 at once against 127.0.0.1, saw ${maxOverlap(results)}`);
  assert.ok(results.every((r) => r.messages === 5));
});
