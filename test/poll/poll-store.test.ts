import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PollSettings } from '../../src/store/poll-store.ts';
import { openTempStore } from '../store/temp-store.ts';

const SETTINGS: PollSettings = {
  protocol: 'pop3', host: 'POP.Example.com', port: 995, tls: 'implicit', auth: 'auto', username: 'alice', sealedSecret: 'v1.x.y.z.w',
  everySeconds: 1800, enabled: true, deleteRemote: false, mailbox: null, folders: null, domainWide: false, envelopeHeader: null,
};

test('records: add, list, update, due, row leases, results, host delays, removal with the registry', async () => {
  const temp = await openTempStore();
  try {
    const { store } = temp;
    await store.addDomain('example.org');
    const alice = await store.addAccount('alice@example.org', 'pw');
    const bob = await store.addAccount('bob@example.org', 'pw');
    const work = await store.polls.add(alice.id, 'work', SETTINGS);
    assert.equal(work.host, 'pop.example.com');
    assert.equal(work.account, 'alice@example.org');
    await assert.rejects(store.polls.add(alice.id, 'work', SETTINGS), /already exists/);
    const other = await store.polls.add(bob.id, 'home', { ...SETTINGS, host: 'mail.other.net' });
    assert.deepEqual((await store.polls.list()).map((r) => r.name), ['work', 'home']);
    assert.deepEqual((await store.polls.list(bob.id)).map((r) => r.name), ['home']);

    const now = new Date(Date.now() + 1000);
    assert.deepEqual((await store.polls.due({ now, limit: 10 })).map((r) => r.id), [work.id, other.id]);
    assert.deepEqual((await store.polls.due({ now, limit: 10, excludeHosts: ['pop.example.com'] })).map((r) => r.id), [other.id]);

    // two schedulers race for the same records: each record goes to one of them
    const until = new Date(now.getTime() + 60_000);
    const [a, b] = await Promise.all([
      store.polls.lease([work.id, other.id], 'node-a', now, until),
      store.polls.lease([work.id, other.id], 'node-b', now, until),
    ]);
    assert.deepEqual([...a, ...b].sort(), [work.id, other.id].sort());
    assert.equal((await store.polls.due({ now, limit: 10 })).length, 0, 'leased records are not due');
    // an expired lease (crashed node) is taken over
    const later = new Date(until.getTime() + 1);
    assert.deepEqual(await store.polls.lease([work.id], 'node-c', later, new Date(later.getTime() + 60_000)), [work.id]);

    const finishedAt = new Date(later.getTime() + 500);
    await store.polls.finish('node-c', [{
      id: work.id, startedAt: later, finishedAt, messages: 3, bytes: 5000, error: null, failureKind: null, failedUntil: null,
      nextRunAt: new Date(finishedAt.getTime() + 1800_000),
    }]);
    let record = (await store.polls.getById(work.id))!;
    assert.equal(record.state.leaseOwner, null);
    assert.equal(record.state.totalMessages, 3);
    assert.equal(record.state.lastSuccessAt?.getTime(), finishedAt.getTime());

    // a refused login delays the account; a new password clears the delay
    await store.polls.lease([work.id], 'node-c', record.state.nextRunAt, new Date(record.state.nextRunAt.getTime() + 60_000));
    const failedUntil = new Date(record.state.nextRunAt.getTime() + 30 * 60_000);
    await store.polls.finish('node-c', [{
      id: work.id, startedAt: record.state.nextRunAt, finishedAt: record.state.nextRunAt, messages: 0, bytes: 0, error: 'login failed',
      failureKind: 'account', failedUntil, nextRunAt: failedUntil,
    }]);
    record = (await store.polls.getById(work.id))!;
    assert.equal(record.state.failureKind, 'account');
    assert.equal(record.state.consecutiveFailures, 1);
    assert.equal(record.state.totalMessages, 3);
    assert.equal((await store.polls.due({ now: new Date(failedUntil.getTime() - 1), limit: 10 })).some((r) => r.id === work.id), false);
    record = await store.polls.update(work.id, { sealedSecret: 'v1.new' });
    assert.equal(record.state.failedUntil, null);

    // a failed host delays every record on it
    await store.polls.release([other.id], 'node-a');
    await store.polls.release([other.id], 'node-b');
    await store.polls.failHost('mail.other.net', new Date(Date.now() + 600_000), 'connection refused');
    assert.deepEqual((await store.polls.failedHosts(new Date())).map((h) => h.host), ['mail.other.net']);
    assert.equal((await store.polls.due({ now: new Date(), limit: 10 })).some((r) => r.id === other.id), false);

    await store.transferLedger.record(`poll:${work.id}`, [{ folder: 'INBOX', sourceId: 'uidl-1', destId: null, size: 1, sha256: 'a'.repeat(64), messageId: null, flags: [] }]);
    await store.polls.remove(work.id);
    assert.equal(await store.polls.getById(work.id), undefined);
    assert.deepEqual(await store.transferLedger.entries(`poll:${work.id}`, 'INBOX'), []);

    await store.rules.set(alice.id, 'keep;');
    assert.equal((await store.rules.get(alice.id))?.script, 'keep;');
    assert.equal(await store.rules.remove(alice.id), true);
    assert.equal(await store.rules.get(alice.id), undefined);
  } finally {
    await temp.cleanup();
  }
});
