// A UIDVALIDITY change — the folder was restored from a backup, so every message has a new UID under a new
// UIDVALIDITY (RFC 3501 §2.3.1.1) — on the source, then on the destination: the next run re-matches the known
// messages by Message-ID, size and sha256 instead of copying or deleting everything, and later changes still
// reach the right message.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import { imapClient, imapUrl, startMailServer, tempStore, type TempStore } from './fixtures.ts';
import { runSync } from './run-sync.ts';

let a: DovecotInstance;
let b: DovecotInstance;
let temp: TempStore;
const FOLDER = 'Archive';

before(async () => {
  [a, b] = await Promise.all([startMailServer('slash'), startMailServer('slash')]);
  temp = await tempStore();
});
after(async () => {
  await temp?.close();
  await Promise.all([a?.stop(), b?.stop()]);
});

const message = (n: number) => Buffer.from(`Message-ID: <${n < 3 ? 'same' : `m${n}`}@uv>\r\nSubject: ${n}\r\n\r\nbody ${n}\r\n`);

/** The folder deleted and made again with the same messages, flags and dates, in reverse order: new UIDs. */
async function restoreFromBackup(server: DovecotInstance): Promise<void> {
  const client = await imapClient(server);
  try {
    await client.select(FOLDER);
    const saved = [];
    for await (const m of client.fetchBodies('1:*')) {
      saved.push({ content: await m.body.buffer(), flags: m.flags.filter((f) => f !== '\\Recent'), internalDate: m.internalDate! });
    }
    await client.select('INBOX');
    await client.delete(FOLDER);
    await client.create(FOLDER);
    await client.append(FOLDER, saved.reverse());
  } finally {
    await client.logout();
  }
}

async function folder(server: DovecotInstance): Promise<{ uidValidity: number; messages: Array<{ uid: number; subject: string; flags: string }> }> {
  const client = await imapClient(server);
  try {
    const selected = await client.select(FOLDER, { readOnly: true });
    const messages = [];
    for await (const m of client.fetchBodies('1:*')) {
      const text = (await m.body.buffer()).toString('latin1');
      messages.push({ uid: m.uid, subject: /Subject: (\d+)/.exec(text)![1]!, flags: m.flags.filter((f) => f !== '\\Recent').sort().join(' ') });
    }
    return { uidValidity: selected.uidValidity, messages };
  } finally {
    await client.logout();
  }
}

test('UIDVALIDITY change on the source, then on the destination: no mass copy, no mass delete', { timeout: 60_000 }, async () => {
  const setup = await imapClient(a);
  await setup.create(FOLDER);
  // messages 1 and 2 share a Message-ID: distinct messages, both must stay matched to their own copy
  await setup.append(FOLDER, Array.from({ length: 30 }, (_, i) => ({ content: message(i + 1), flags: i % 3 === 0 ? ['\\Seen'] : [] })));
  await setup.select(FOLDER);
  await setup.uidExpunge([30]);
  await setup.logout();
  assert.deepEqual((await runSync(temp.store, imapUrl(a), imapUrl(b))).failures, []);
  assert.equal((await folder(b)).messages.length, 29);

  const before = await folder(a);
  await restoreFromBackup(a);
  // a new message after the restore, and a flag change on message 5
  const client = await imapClient(a);
  await client.append(FOLDER, [{ content: message(31), flags: [] }]);
  const after = await folder(a);
  assert.notEqual(after.uidValidity, before.uidValidity, 'the source has a new UIDVALIDITY');
  await client.select(FOLDER);
  await client.store([after.messages.find((m) => m.subject === '5')!.uid], 'add', ['$Reset']);
  await client.logout();

  const rerun = await runSync(temp.store, imapUrl(a), imapUrl(b));
  assert.deepEqual(rerun.failures, []);
  const report = rerun.folders.find((f) => f.folder === FOLDER)!;
  assert.equal(report.rematched, 29, 'every known message found again');
  assert.equal(report.copied, 1, 'only the new message is copied');
  const dest = await folder(b);
  assert.equal(dest.messages.length, 30);
  assert.deepEqual(dest.messages.map((m) => m.subject).sort(), Array.from({ length: 29 }, (_, i) => String(i + 1)).concat('31').sort());
  assert.equal(dest.messages.find((m) => m.subject === '5')!.flags, '$Reset', 'the flag change reached the right message');

  const destBefore = (await folder(b)).uidValidity;
  await restoreFromBackup(b);
  assert.notEqual((await folder(b)).uidValidity, destBefore, 'the destination has a new UIDVALIDITY');
  const destReset = await runSync(temp.store, imapUrl(a), imapUrl(b), { verify: true });
  assert.deepEqual(destReset.failures, []);
  assert.equal(destReset.folders.find((f) => f.folder === FOLDER)!.rematched, 30);
  assert.equal(destReset.folders.find((f) => f.folder === FOLDER)!.copied, 0);
  assert.equal((await folder(b)).messages.length, 30);
  const verified = destReset.verify!.find((v) => v.folder === FOLDER)!;
  assert.equal(verified.missing + verified.extra + verified.mismatched, 0, verified.details.join('; '));
});
