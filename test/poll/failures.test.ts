import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { addPoll, listPolls, runPollNow, setPoll } from '../../src/admin/poll.ts';
import { AdminError } from '../../src/admin/errors.ts';
import { message, pollFixture, type PollFixture } from './fixture.ts';

let fx: PollFixture;

before(async () => {
  fx = await pollFixture({
    remoteUsers: ['remote'], localAccounts: ['alice@example.org', 'bob@example.org', 'carol@example.org'],
    config: { poll: { failedAccountDelayMinutes: 30, failedHostDelayMinutes: 10 }, pop3: { port: 0, tlsPort: 0 } },
  });
});

after(async () => {
  await fx?.close();
});

/** a loopback port nothing listens on */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('a wrong password delays the account (failed-account delay), visible in poll list; a new password clears it', async () => {
  const host = `127.0.0.1:${fx.dovecot.pop3Port}`;
  await addPoll(fx.context, 'alice@example.org', 'bad', { protocol: 'pop3', host, tls: 'none', user: 'remote', password: 'wrong password' });
  fx.deliver('remote', message('waiting'));
  const before = Date.now();
  const result = await runPollNow(fx.context, 'alice@example.org', 'bad');
  assert.equal(result.failureKind, 'account');
  assert.match(result.error!, /login failed .* for user remote/);
  assert.ok(!result.error!.includes('wrong password'), 'the password is not in the error');

  const view = (await listPolls(fx.context, 'alice@example.org')).records[0]!;
  assert.match(view.lastError!, /login failed/);
  const delay = view.accountDelayedUntil!.getTime() - before;
  assert.ok(delay >= 29 * 60_000 && delay <= 31 * 60_000, `delayed ${delay} ms`);
  const due = await fx.temp.store.polls.due({ now: new Date(), limit: 10 });
  assert.equal(due.some((record) => record.name === 'bad'), false, 'not due while delayed');

  const fixed = await setPoll(fx.context, 'alice@example.org', 'bad', { password: 'pw-remote' });
  assert.equal(fixed.accountDelayedUntil, null);
  const again = await runPollNow(fx.context, 'alice@example.org', 'bad');
  assert.equal(again.error, null);
  assert.equal(again.messages, 1);
});

test('an unreachable host delays every record on that host (failed-host delay)', async () => {
  const host = `127.0.0.2:${await closedPort()}`;
  await addPoll(fx.context, 'bob@example.org', 'dead', { protocol: 'pop3', host, tls: 'none', user: 'x', password: 'y' });
  await addPoll(fx.context, 'carol@example.org', 'dead-too', { protocol: 'pop3', host, tls: 'none', user: 'x', password: 'y' });
  const result = await runPollNow(fx.context, 'bob@example.org', 'dead');
  assert.equal(result.failureKind, 'host');
  assert.match(result.error!, /127\.0\.0\.2/);
  const { records, hosts } = await listPolls(fx.context);
  assert.deepEqual(hosts.map((h) => h.host), ['127.0.0.2']);
  for (const name of ['dead', 'dead-too']) {
    const view = records.find((r) => r.name === name)!;
    assert.ok(view.hostDelayedUntil && view.hostDelayedUntil.getTime() > Date.now() + 9 * 60_000, `${name} shows the host delay`);
  }
  const due = await fx.temp.store.polls.due({ now: new Date(), limit: 10 });
  assert.equal(due.some((record) => record.host === '127.0.0.2'), false, 'no record of the delayed host is due');
});

test('self-poll is refused at add and at run time unless allowSelfPoll', async () => {
  const own = { ...fx.context, config: { ...fx.context.config, pop3: { ...fx.context.config.pop3, host: '0.0.0.0', port: 41110 } } };
  await assert.rejects(
    addPoll(own, 'carol@example.org', 'loop', { protocol: 'pop3', host: 'localhost:41110', tls: 'none', user: 'carol', password: 'z' }),
    (error: unknown) => error instanceof AdminError && /this server's own/.test(error.message),
  );
  const allowed = { ...own, config: { ...own.config, poll: { ...own.config.poll, allowSelfPoll: true } } };
  await addPoll(allowed, 'carol@example.org', 'loop', { protocol: 'pop3', host: 'localhost:41110', tls: 'none', user: 'carol', password: 'z' });
  const result = await runPollNow(own, 'carol@example.org', 'loop');
  assert.equal(result.failureKind, 'config');
  assert.match(result.error!, /this server's own/);
});
