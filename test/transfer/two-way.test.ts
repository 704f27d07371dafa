// --two-way with changes made on both sides between runs: new messages travel both ways, flag changes too,
// flags changed on both sides merge by union (a reported conflict), and with --delete a message expunged on
// one side is expunged on the other. A rerun afterwards changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ImapClient } from '../../src/imap/client/client.ts';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import { ACCOUNT, fillLocal, imapClient, imapUrl, readLocal, startMailServer, tempStore, type TempStore } from './fixtures.ts';
import { runSync } from './run-sync.ts';

let a: DovecotInstance;
let b: DovecotInstance;
let temp: TempStore;

before(async () => {
  [a, b] = await Promise.all([startMailServer('slash'), startMailServer('slash')]);
  temp = await tempStore();
});
after(async () => {
  await temp?.close();
  await Promise.all([a?.stop(), b?.stop()]);
});

const message = (id: string) => Buffer.from(`Message-ID: <${id}@two-way>\r\nSubject: ${id}\r\n\r\nbody of ${id}\r\n`);

/** Message-ID (without brackets and domain) → sorted flags, per folder */
async function state(server: DovecotInstance): Promise<Record<string, Record<string, string>>> {
  const client = await imapClient(server);
  const out: Record<string, Record<string, string>> = {};
  try {
    for (const folder of ['INBOX', 'Work']) {
      const selected = await client.select(folder, { readOnly: true });
      const messages: Record<string, string> = {};
      if (selected.exists > 0) {
        for await (const record of client.fetchMeta('1:*')) {
          const id = record.messageId!.replace(/^<|@two-way>$/g, '');
          messages[id] = record.flags.filter((f) => f !== '\\Recent').map((f) => f.toLowerCase()).sort().join(' ');
        }
      }
      out[folder] = messages;
    }
  } finally {
    await client.logout();
  }
  return out;
}

async function withFolder(server: DovecotInstance, folder: string, work: (client: ImapClient, uidOf: (id: string) => Promise<number>) => Promise<void>): Promise<void> {
  const client = await imapClient(server);
  try {
    await client.select(folder);
    const uidOf = async (id: string) => {
      for await (const record of client.fetchMeta('1:*')) if (record.messageId === `<${id}@two-way>`) return record.uid;
      throw new Error(`no message ${id} in ${folder}`);
    };
    await work(client, uidOf);
  } finally {
    await client.logout();
  }
}

test('two-way: new messages, flag changes, merged conflicts and deletions travel both ways', { timeout: 60_000 }, async () => {
  const setup = await imapClient(a);
  await setup.create('Work');
  await setup.append('INBOX', ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => ({ content: message(id), flags: ['\\Seen'] })));
  await setup.append('Work', [{ content: message('w1'), flags: [] }]);
  await setup.logout();

  const first = await runSync(temp.store, imapUrl(a), imapUrl(b), { twoWay: true, propagateDeletes: true });
  assert.deepEqual(first.failures, []);
  assert.deepEqual(await state(b), await state(a), 'the first run copies A to B');

  // changes on both sides
  await withFolder(a, 'INBOX', async (client, uidOf) => {
    await client.append('INBOX', [{ content: message('newA'), flags: ['$FromA'] }]);
    await client.store([await uidOf('m1')], 'add', ['\\Flagged']);
    await client.store([await uidOf('m3')], 'add', ['\\Answered']); // conflict with B's change below
    await client.uidExpunge([await uidOf('m4')]);
  });
  await withFolder(b, 'INBOX', async (client, uidOf) => {
    await client.append('INBOX', [{ content: message('newB'), flags: ['\\Draft'] }]);
    await client.store([await uidOf('m2')], 'add', ['$Label2']);
    await client.store([await uidOf('m3')], 'set', ['$Work']); // removes \Seen, adds $Work
    await client.uidExpunge([await uidOf('m5')]);
  });
  await withFolder(b, 'Work', async (client) => {
    await client.append('Work', [{ content: message('w2'), flags: ['\\Seen'] }]);
  });

  const second = await runSync(temp.store, imapUrl(a), imapUrl(b), { twoWay: true, propagateDeletes: true });
  assert.deepEqual(second.failures, []);
  const inbox = second.folders.find((f) => f.folder === 'INBOX')!;
  assert.equal(inbox.copied, 1, 'newA to B');
  assert.equal(inbox.copiedBack, 1, 'newB to A');
  assert.equal(inbox.conflicts, 1, 'm3 changed on both sides');
  assert.equal(inbox.removedAtDest, 1, 'm4 expunged at A is expunged at B');
  assert.equal(inbox.removedAtSource, 1, 'm5 expunged at B is expunged at A');
  const expected = {
    INBOX: {
      m1: '\\flagged \\seen', m2: '$label2 \\seen', m3: '$work \\answered \\seen', newA: '$froma', newB: '\\draft',
    },
    Work: { w1: '', w2: '\\seen' },
  };
  assert.deepEqual(await state(a), expected);
  assert.deepEqual(await state(b), expected);

  const third = await runSync(temp.store, imapUrl(a), imapUrl(b), { twoWay: true, propagateDeletes: true });
  assert.deepEqual(third.failures, []);
  for (const folder of third.folders) {
    assert.equal(folder.copied + folder.copiedBack + folder.flagsToDest + folder.flagsToSource + folder.removedAtDest + folder.removedAtSource, 0,
      `${folder.folder}: nothing left to do`);
  }
  assert.deepEqual(await state(a), expected);
});

test('two-way without --delete: an expunge is not propagated and the message is not copied back', { timeout: 60_000 }, async () => {
  await withFolder(a, 'Work', async (client, uidOf) => client.uidExpunge([await uidOf('w1')]));
  const report = await runSync(temp.store, imapUrl(a), imapUrl(b), { twoWay: true });
  assert.deepEqual(report.failures, []);
  assert.deepEqual((await state(a)).Work, { w2: '\\seen' });
  assert.deepEqual((await state(b)).Work, { w1: '', w2: '\\seen' });
});

test('two-way between a local account and Dovecot: what arrives at either side is copied once', { timeout: 60_000 }, async () => {
  const local = await tempStore();
  const server = await startMailServer('slash', [{ user: 'dora', password: 'pw-dora' }]);
  try {
    const url = imapUrl(server, 'dora');
    await fillLocal(local.store, [{ folder: 'INBOX', bytes: message('fromLocal'), flags: ['\\Seen'], internalDate: new Date('2024-01-01T00:00:00Z') }]);
    const client = await imapClient(server, 'dora', 'pw-dora');
    await client.append('INBOX', [{ content: message('fromServer'), flags: ['$Tag'] }]);
    await client.logout();
    const passwords = { [url]: 'pw-dora' };
    const first = await runSync(local.store, `local:${ACCOUNT}`, url, { twoWay: true }, passwords);
    assert.deepEqual(first.failures, []);
    const inbox = first.folders.find((f) => f.folder === 'INBOX')!;
    assert.deepEqual([inbox.copied, inbox.copiedBack], [1, 1]);
    const again = await runSync(local.store, `local:${ACCOUNT}`, url, { twoWay: true }, passwords);
    assert.equal(again.folders.reduce((sum, f) => sum + f.copied + f.copiedBack, 0), 0, 'nothing copied twice');
    const held = (await readLocal(local.store)).get('INBOX')!;
    assert.equal(held.length, 2);
  } finally {
    await server.stop();
    await local.close();
  }
});
