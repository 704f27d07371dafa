import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPoll, listPolls, runPollNow } from '../../src/admin/poll.ts';
import { message, pollFixture, type PollFixture } from './fixture.ts';

let fx: PollFixture;

before(async () => {
  fx = await pollFixture({ remoteUsers: ['remote', 'drop'], localAccounts: ['alice@example.org', 'bob@example.org'] });
});

after(async () => {
  await fx?.close();
});

async function inbox(address: string, folder = 'INBOX') {
  const account = (await fx.temp.store.getAccount(address))!;
  const found = await fx.temp.store.getFolder(account.id, folder);
  return found ? fx.temp.store.listMessages(found.id) : [];
}

test('leave + registry: three polls with new mail between them deliver each message exactly once', async () => {
  const pop3 = `127.0.0.1:${fx.dovecot.pop3Port}`;
  await addPoll(fx.context, 'alice@example.org', 'work', { protocol: 'pop3', host: pop3, tls: 'none', user: 'remote', password: 'pw-remote' });
  fx.deliver('remote', message('one'));
  fx.deliver('remote', message('two'));
  let result = await runPollNow(fx.context, 'alice@example.org', 'work');
  assert.equal(result.error, null);
  assert.equal(result.messages, 2);
  assert.equal((await inbox('alice@example.org')).length, 2);

  fx.deliver('remote', message('three'));
  result = await runPollNow(fx.context, 'alice@example.org', 'work');
  assert.equal(result.messages, 1);
  result = await runPollNow(fx.context, 'alice@example.org', 'work');
  assert.equal(result.messages, 0, 'nothing new: nothing fetched');
  assert.equal((await inbox('alice@example.org')).length, 3);
  assert.equal(fx.remoteCount('remote'), 3, 'leave mode keeps the remote mail');

  const { records } = await listPolls(fx.context, 'alice@example.org');
  assert.equal(records[0]!.totals.messages, 3);
  assert.ok(records[0]!.lastSuccessAt);
  assert.equal(records[0]!.lastError, null);
  assert.ok(!JSON.stringify(records).includes('pw-remote'), 'the password never comes back');
});

test('delete mode empties the remote after local commit', async () => {
  await addPoll(fx.context, 'bob@example.org', 'drop', {
    protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user: 'drop', password: 'pw-drop', deleteRemote: true, mailbox: 'Fetched',
  });
  for (let i = 0; i < 5; i++) fx.deliver('drop', message(`drop ${i}`));
  const result = await runPollNow(fx.context, 'bob@example.org', 'drop');
  assert.equal(result.error, null);
  assert.equal(result.messages, 5);
  assert.equal(result.deleted, 5);
  assert.equal(fx.remoteCount('drop'), 0);
  assert.equal((await inbox('bob@example.org', 'Fetched')).length, 5);
});

test('the same message twice at the remote is delivered once; outgoing connections use poll.sourceAddress', async () => {
  const context = { ...fx.context, config: { ...fx.context.config, poll: { ...fx.context.config.poll, sourceAddress: '127.0.0.5' } } };
  await addPoll(context, 'bob@example.org', 'twice', {
    protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user: 'remote', password: 'pw-remote', mailbox: 'Twice',
  });
  const same = message('same twice');
  fx.deliver('remote', same);
  fx.deliver('remote', same);
  const result = await runPollNow(context, 'bob@example.org', 'twice');
  assert.equal(result.error, null);
  assert.equal(result.delivery.duplicates, 1);
  const subjects = (await inbox('bob@example.org', 'Twice')).map((m) => m.messageId);
  assert.equal(subjects.filter((id) => same.toString('latin1').includes(id!)).length, 1, 'the message is there once');
  assert.match(fx.dovecot.log(), /user=<remote>.*rip=127\.0\.0\.5/, 'Dovecot saw the connection come from the source address');
});
