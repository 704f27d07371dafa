import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapClient } from '../../../src/imap/client/client.ts';
import { ImapClientError } from '../../../src/imap/client/errors.ts';
import { startFixture, type ClientFixture } from './fixture.ts';

let fixture: ClientFixture;
let client: ImapClient;

before(async () => {
  fixture = await startFixture();
  client = await fixture.connect();
});
after(async () => {
  await client?.logout();
  await fixture?.stop();
});

const HOSTILE = [
  'Bär & Söhne',
  '日本語のフォルダ',
  'Post 📬 box',
  '&-already-looks-encoded&AOQ-',
  'v1.2.3 release.notes',
  'quote " and back\\slash',
  'Top/Mid & Co/Leaf.v2',
];

test('namespace and delimiter', async () => {
  const namespaces = await client.namespace();
  assert.deepEqual(namespaces.personal, [{ prefix: '', delimiter: '/' }]);
});

test('create, list, rename and delete folders with hostile names', async () => {
  for (const name of HOSTILE) await client.create(name);
  let listed = await client.list();
  const names = listed.map((entry) => entry.name);
  for (const name of HOSTILE) assert.ok(names.includes(name), `${name} listed as ${JSON.stringify(names)}`);
  assert.ok(names.includes('Top') && names.includes('Top/Mid & Co'), 'parents of the 3-deep folder exist');
  assert.equal(listed.find((entry) => entry.name === 'INBOX')?.delimiter, '/');

  for (const name of HOSTILE) await client.rename(name, `${name} (renamed ✓)`);
  listed = await client.list();
  for (const name of HOSTILE) {
    assert.ok(listed.some((entry) => entry.name === `${name} (renamed ✓)`), `${name} renamed`);
    assert.ok(!listed.some((entry) => entry.name === name), `${name} gone`);
  }
  for (const name of HOSTILE) await client.delete(`${name} (renamed ✓)`);
  const after = (await client.list()).map((entry) => entry.name);
  for (const name of HOSTILE) assert.ok(!after.includes(`${name} (renamed ✓)`));
});

test('a folder the server refuses gives a NO error naming the command', async () => {
  await client.create('Exists Already');
  await assert.rejects(client.create('Exists Already'), (err: unknown) => {
    assert.ok(err instanceof ImapClientError);
    assert.equal(err.kind, 'no');
    assert.equal(err.command, 'CREATE');
    assert.equal(err.temporary, false);
    assert.match(err.message, /IMAP CREATE at 127\.0\.0\.1:\d+ failed: server said: .*exists/i);
    return true;
  });
  await client.delete('Exists Already');
});

test('subscriptions and special-use', async () => {
  await client.create('Ünsubscribed');
  await client.create('Sübscribed');
  await client.subscribe('Sübscribed');
  const listed = await client.list();
  assert.equal(listed.find((entry) => entry.name === 'Sübscribed')?.subscribed, true);
  assert.equal(listed.find((entry) => entry.name === 'Ünsubscribed')?.subscribed, false);
  assert.equal(listed.find((entry) => entry.name === 'Trash')?.specialUse, '\\Trash');
  await client.unsubscribe('Sübscribed');
  assert.equal((await client.list({ pattern: 'Sü*' }))[0]?.subscribed, false);
});

test('status and select of a non-ASCII folder', async () => {
  const name = 'Größe/Ordner';
  await client.create(name);
  await client.append(name, [{ content: Buffer.from('Subject: a\r\n\r\nA\r\n') }, { content: Buffer.from('Subject: b\r\n\r\nB\r\n') }]);
  const status = await client.status(name);
  assert.equal(status.messages, 2);
  assert.equal(status.uidNext, 3);
  assert.ok(status.uidValidity! > 0);
  await client.enable(['CONDSTORE']);
  const selected = await client.select(name, { condstore: true });
  assert.equal(selected.exists, 2);
  assert.equal(selected.uidNext, 3);
  assert.equal(selected.uidValidity, status.uidValidity);
  assert.equal(selected.readOnly, false);
  assert.ok(selected.highestModseq! > 0);
  assert.ok(selected.permanentFlags.includes('\\*'));
  assert.deepEqual(client.selected, { name, readOnly: false, uidValidity: status.uidValidity, exists: 2, highestModseq: selected.highestModseq });
  const examined = await client.select(name, { readOnly: true });
  assert.equal(examined.readOnly, true);
  await assert.rejects(client.select('No Such Folder'), (err: unknown) => err instanceof ImapClientError && err.kind === 'no');
  assert.equal(client.selected, null, 'a failed SELECT leaves nothing selected');
});
