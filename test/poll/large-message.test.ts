import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { addPoll, runPollNow } from '../../src/admin/poll.ts';
import { message, pollFixture, type PollFixture } from './fixture.ts';

let fx: PollFixture;

before(async () => {
  fx = await pollFixture({ remoteUsers: ['big', 'catchall'], localAccounts: ['alice@example.org', 'bob@example.org'] });
});

after(async () => {
  await fx?.close();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const line = 'x'.repeat(998) + '\r\n';

test('messages larger than the in-memory limit are spooled and delivered byte-exact, also through the catch-all split', async () => {
  const big = message('big', [], line.repeat(3000)); // 3 MB: spooled, not held in memory
  fx.deliver('big', big);
  await addPoll(fx.context, 'alice@example.org', 'big', { protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user: 'big', password: 'pw-big' });
  const result = await runPollNow(fx.context, 'alice@example.org', 'big');
  assert.equal(result.error, null);
  const account = (await fx.temp.store.getAccount('alice@example.org'))!;
  const [stored] = await fx.temp.store.listMessages((await fx.temp.store.getFolder(account.id, 'INBOX'))!.id);
  assert.equal(stored!.sha256, sha(big));

  const split = message('big split', ['X-Original-To: bob@example.org'], line.repeat(2000));
  fx.deliver('catchall', split);
  await addPoll(fx.context, 'alice@example.org', 'catchall', {
    protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user: 'catchall', password: 'pw-catchall', domainWide: true, envelopeHeader: 'X-Original-To',
  });
  const splitResult = await runPollNow(fx.context, 'alice@example.org', 'catchall');
  assert.equal(splitResult.error, null);
  const bob = (await fx.temp.store.getAccount('bob@example.org'))!;
  const [delivered] = await fx.temp.store.listMessages((await fx.temp.store.getFolder(bob.id, 'INBOX'))!.id);
  assert.equal(delivered!.sha256, sha(Buffer.from(split.toString('latin1').replace('X-Original-To: bob@example.org\r\n', ''), 'latin1')));
});
