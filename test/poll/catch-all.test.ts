import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { addPoll, runPollNow } from '../../src/admin/poll.ts';
import { message, pollFixture, type PollFixture } from './fixture.ts';

let fx: PollFixture;

before(async () => {
  fx = await pollFixture({
    remoteUsers: ['catchall', 'star'],
    localAccounts: ['postmaster@example.org', 'alice@example.org', 'bob@example.org', 'carol@example.org'],
  });
  await fx.temp.store.addAlias('team@example.org', 'alice@example.org');
  await fx.temp.store.addAlias('team@example.org', 'bob@example.org');
});

after(async () => {
  await fx?.close();
});

async function messagesOf(address: string): Promise<Buffer[]> {
  const account = (await fx.temp.store.getAccount(address))!;
  const inbox = (await fx.temp.store.getFolder(account.id, 'INBOX'))!;
  const bodies: Buffer[] = [];
  for (const meta of await fx.temp.store.listMessages(inbox.id)) {
    const parts: Buffer[] = [];
    for await (const chunk of fx.temp.store.blobs.open(meta.sha256)) parts.push(chunk as Buffer);
    bodies.push(Buffer.concat(parts));
  }
  return bodies;
}

const subjects = (bodies: Buffer[]) => bodies.map((b) => /Subject: (.*)\r\n/.exec(b.toString('latin1'))![1]).sort();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('domain-wide split by an envelope header: recipients, aliases, header removed, per-recipient dedupe, postmaster fallback', async () => {
  await addPoll(fx.context, 'postmaster@example.org', 'catchall', {
    protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user: 'catchall', password: 'pw-catchall',
    domainWide: true, envelopeHeader: 'X-Envelope-To', deleteRemote: true,
  });
  const forAlice = message('for alice', ['X-Envelope-To: <alice@example.org>', 'Return-Path: <list@remote.example>']);
  fx.deliver('catchall', forAlice);
  fx.deliver('catchall', message('for the team', ['X-Envelope-To: team@example.org']));
  fx.deliver('catchall', message('for nobody', ['X-Envelope-To: nobody@example.org']));
  fx.deliver('catchall', message('no envelope header'));
  // a provider that keeps one copy per recipient, each naming every recipient: one each, not two
  const shared = message('copy per recipient', ['X-Envelope-To: bob@example.org, carol@example.org']);
  fx.deliver('catchall', shared);
  fx.deliver('catchall', shared);
  // and one that names each recipient in its own copy: after the header is removed the copies are the same
  const base = message('one recipient per copy');
  const [head, body] = base.toString('latin1').split('\r\n\r\n');
  for (const to of ['alice@example.org', 'carol@example.org']) fx.deliver('catchall', Buffer.from(`${head}\r\nX-Envelope-To: ${to}\r\n\r\n${body}`, 'latin1'));

  const result = await runPollNow(fx.context, 'postmaster@example.org', 'catchall');
  assert.equal(result.error, null);
  assert.equal(result.messages, 8);
  assert.equal(fx.remoteCount('catchall'), 0);
  assert.deepEqual(subjects(await messagesOf('alice@example.org')), ['for alice', 'for the team', 'one recipient per copy']);
  assert.deepEqual(subjects(await messagesOf('bob@example.org')), ['copy per recipient', 'for the team']);
  assert.deepEqual(subjects(await messagesOf('carol@example.org')), ['copy per recipient', 'one recipient per copy']);
  assert.deepEqual(subjects(await messagesOf('postmaster@example.org')), ['for nobody', 'no envelope header']);
  assert.equal(result.delivery.toPostmaster, 2);
  assert.equal(result.delivery.duplicates, 2, 'the second copy is skipped for bob and for carol');

  const delivered = (await messagesOf('alice@example.org')).find((b) => b.includes('for alice'))!;
  assert.ok(!/x-envelope-to/i.test(delivered.toString('latin1')), 'the envelope header is removed');
  const expected = Buffer.from(forAlice.toString('latin1').replace('X-Envelope-To: <alice@example.org>\r\n', ''), 'latin1');
  assert.equal(sha(delivered), sha(expected), 'nothing else changed');
});

test("domain-wide split with '*': To/Cc/Bcc that are local accounts or aliases, postmaster when none", async () => {
  await addPoll(fx.context, 'postmaster@example.org', 'star', {
    protocol: 'pop3', host: `127.0.0.1:${fx.dovecot.pop3Port}`, tls: 'none', user: 'star', password: 'pw-star',
    domainWide: true, envelopeHeader: '*', mailbox: 'Catch',
  });
  const both = message('to and cc', ['To: "Carol" <carol@example.org>, outsider@elsewhere.net', 'Cc: team@example.org']);
  fx.deliver('star', both);
  fx.deliver('star', both); // the provider kept two copies: everyone still gets one
  fx.deliver('star', message('strangers only', ['To: someone@elsewhere.net']));
  const result = await runPollNow(fx.context, 'postmaster@example.org', 'star');
  assert.equal(result.error, null);
  const folder = async (address: string) => {
    const account = (await fx.temp.store.getAccount(address))!;
    const catchFolder = await fx.temp.store.getFolder(account.id, 'Catch');
    return catchFolder ? (await fx.temp.store.listMessages(catchFolder.id)).length : 0;
  };
  assert.deepEqual(await Promise.all(['alice', 'bob', 'carol', 'postmaster'].map((u) => folder(`${u}@example.org`))), [1, 1, 1, 1]);
  assert.equal(fx.remoteCount('star'), 3, 'leave mode');
  const delivered = (await messagesOf('carol@example.org'));
  assert.equal(delivered.length, 2, 'INBOX untouched by --mailbox deliveries (from the first test)');
});
