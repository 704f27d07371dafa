import assert from 'node:assert/strict';
import { chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addPoll, runPollNow } from '../../src/admin/poll.ts';
import { message, pollFixture, type PollFixture } from './fixture.ts';

let fx: PollFixture;
let counter = 0;

before(async () => {
  fx = await pollFixture({ remoteUsers: ['mirror', 'moved'], localAccounts: ['alice@example.org', 'bob@example.org'] });
});

after(async () => {
  await fx?.close();
});

/** Drops a message into a remote folder ("" = INBOX; Dovecot's Maildir++ layout: ".Work.Projects"). */
function deliverTo(user: string, folder: string, bytes: Buffer): void {
  const owner = statSync(join(fx.dovecot.dir, 'mail'));
  const root = join(fx.dovecot.mailDir(user), folder === '' ? '' : `.${folder.replace(/\//g, '.')}`);
  for (const dir of [root, join(root, 'cur'), join(root, 'new'), join(root, 'tmp')]) {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, owner.uid, owner.gid);
  }
  const file = join(root, 'new', `${Date.now()}.M${++counter}.imaptest`);
  writeFileSync(file, bytes);
  chownSync(file, owner.uid, owner.gid);
}

async function counts(address: string): Promise<Record<string, number>> {
  const account = (await fx.temp.store.getAccount(address))!;
  const result: Record<string, number> = {};
  for (const folder of await fx.temp.store.summarizeFolders(account.id)) if (folder.messages > 0) result[folder.name] = folder.messages;
  return result;
}

test('IMAP poll mirrors the remote hierarchy under the record name, incrementally; a deleted local folder is refilled', async () => {
  deliverTo('mirror', '', message('inbox 1'));
  deliverTo('mirror', '', message('inbox 2'));
  deliverTo('mirror', 'Work', message('work 1'));
  deliverTo('mirror', 'Work/Projects', message('project 1'));
  deliverTo('mirror', 'Spam', message('spam 1'));
  await addPoll(fx.context, 'alice@example.org', 'provider', {
    protocol: 'imap', host: `127.0.0.1:${fx.dovecot.imapPort}`, tls: 'none', user: 'mirror', password: 'pw-mirror',
  });
  let result = await runPollNow(fx.context, 'alice@example.org', 'provider');
  assert.equal(result.error, null, result.failures.join('\n'));
  assert.equal(result.messages, 5);
  assert.deepEqual(await counts('alice@example.org'), {
    'provider/INBOX': 2, 'provider/Work': 1, 'provider/Work/Projects': 1, 'provider/Spam': 1,
  });

  deliverTo('mirror', '', message('inbox 3'));
  result = await runPollNow(fx.context, 'alice@example.org', 'provider');
  assert.equal(result.messages, 1, 'only the new message');

  const account = (await fx.temp.store.getAccount('alice@example.org'))!;
  await fx.temp.store.deleteFolder(account.id, 'provider/Spam');
  result = await runPollNow(fx.context, 'alice@example.org', 'provider');
  assert.equal(result.error, null, result.failures.join('\n'));
  assert.equal(result.messages, 1, 'the deleted folder is refilled');
  assert.equal((await counts('alice@example.org'))['provider/Spam'], 1);
  assert.equal(fx.remoteCount('mirror'), 3, 'leave mode');
});

test('IMAP poll with a LIST pattern, into --mailbox, with --delete: expunged at the remote once stored here', async () => {
  deliverTo('moved', '', message('not wanted'));
  deliverTo('moved', 'Work', message('work a'));
  deliverTo('moved', 'Work/Deep', message('work b'));
  await addPoll(fx.context, 'bob@example.org', 'work', {
    protocol: 'imap', host: `127.0.0.1:${fx.dovecot.imapPort}`, tls: 'none', user: 'moved', password: 'pw-moved',
    folders: 'Work*', mailbox: 'Office', deleteRemote: true,
  });
  const result = await runPollNow(fx.context, 'bob@example.org', 'work');
  assert.equal(result.error, null, result.failures.join('\n'));
  assert.equal(result.messages, 2);
  assert.equal(result.deleted, 2);
  assert.deepEqual(await counts('bob@example.org'), { 'Office/Work': 1, 'Office/Work/Deep': 1 });
  assert.equal(fx.remoteCount('moved'), 1, 'INBOX was not in the pattern: left alone');
  for (const folder of ['.Work', '.Work.Deep']) {
    const root = join(fx.dovecot.mailDir('moved'), folder);
    assert.equal(readdirSync(join(root, 'cur')).length + readdirSync(join(root, 'new')).length, 0, `${folder} emptied at the remote`);
  }
});
