// Byte-exact round trips through the store: Maildir → store → Maildir, mbox → store → mbox, EML → store →
// EML / Maildir, with flags, keywords and dates; reruns skip what is already there; bad input is reported.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportMailbox } from '../../src/admin/export.ts';
import { importMailbox } from '../../src/admin/import.ts';
import { EmlTarget } from '../../src/formats/eml/writer.ts';
import { MaildirTarget } from '../../src/formats/maildir/writer.ts';
import { MboxTarget } from '../../src/formats/mbox/writer.ts';
import { openSource } from '../../src/formats/open.ts';
import type { MailTarget } from '../../src/formats/types.ts';
import type { Store } from '../../src/store/store.ts';
import { SilentProgress } from '../../src/util/progress.ts';
import { awkwardMessages, chunked, collect, type Sample } from '../formats/samples.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const FOLDERS = ['INBOX', 'Entwürfe', 'Archive/2023'];

interface Fingerprint {
  folder: string;
  sha256: string;
  flags: string;
  date: number;
}

const byKey = (a: Fingerprint, b: Fingerprint) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

function expected(samples: Sample[], options: { folders: boolean; flags: boolean }): Fingerprint[] {
  return samples.map((sample, index) => ({
    folder: options.folders ? FOLDERS[index % FOLDERS.length]! : 'INBOX',
    sha256: sha(sample.bytes),
    flags: options.flags ? [...sample.flags].sort().join(' ') : '',
    date: Math.floor(sample.internalDate.getTime() / 1000),
  })).sort(byKey);
}

async function writeSamples(target: MailTarget, samples: Sample[], options: { folders: boolean }): Promise<void> {
  for (const [index, sample] of samples.entries()) {
    await target.write({
      folder: options.folders ? FOLDERS[index % FOLDERS.length]! : 'INBOX',
      flags: sample.flags, internalDate: sample.internalDate, body: chunked(sample.bytes),
    });
  }
  await target.close();
}

/** what a source holds, read through our readers */
async function fingerprintsOfSource(spec: string, options: { flags: boolean } = { flags: true }): Promise<Fingerprint[]> {
  const out: Fingerprint[] = [];
  for await (const item of await openSource(spec)) {
    out.push({
      folder: item.folder, sha256: sha(await collect(item.open())),
      flags: options.flags ? [...item.flags].sort().join(' ') : '', date: Math.floor(item.internalDate.getTime() / 1000),
    });
  }
  return out.sort(byKey);
}

/** what the account holds, below `prefix` when given */
async function fingerprintsOfStore(store: Store, address: string, prefix = ''): Promise<Fingerprint[]> {
  const account = (await store.getAccount(address))!;
  const out: Fingerprint[] = [];
  for (const folder of await store.listFolders(account.id)) {
    for await (const message of store.iterateMessages(folder.id)) {
      const bytes = await collect(store.blobs.open(message.sha256) as AsyncIterable<Buffer>);
      assert.equal(sha(bytes), message.sha256, 'the blob matches its digest');
      out.push({
        folder: prefix ? folder.name.slice(prefix.length + 1) : folder.name, sha256: message.sha256,
        flags: [...message.flags].sort().join(' '), date: Math.floor(message.internalDate.getTime() / 1000),
      });
    }
  }
  return out.sort(byKey);
}

describe('import and export round trips', () => {
  let temp: TempStore;
  let dir: string;
  let accountNumber = 0;
  const samples = awkwardMessages();

  before(async () => {
    temp = await openTempStore();
    await temp.store.addDomain('example.org');
    dir = await mkdtemp(join(tmpdir(), 'mailferry-roundtrip-'));
  });
  after(async () => {
    await temp.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  async function newAccount(): Promise<string> {
    const address = `user${++accountNumber}@example.org`;
    await temp.store.addAccount(address, 'pw');
    return address;
  }

  it('Maildir → store → Maildir keeps bytes, folders, flags, keywords and dates; a rerun skips all', async () => {
    const source = join(dir, 'maildir-in');
    await writeSamples(new MaildirTarget(source), samples, { folders: true });
    const address = await newAccount();
    const first = await importMailbox(temp.store, address, `maildir:${source}`, { progress: new SilentProgress() });
    assert.equal(first.messages, samples.length);
    assert.equal(first.failed, 0, JSON.stringify(first.failures));
    const want = expected(samples, { folders: true, flags: true });
    assert.deepEqual(await fingerprintsOfStore(temp.store, address), want);

    const again = await importMailbox(temp.store, address, `maildir:${source}/`);
    assert.deepEqual([again.messages, again.skipped], [0, samples.length], 'same source spelt differently is the same import');

    const out = join(dir, 'maildir-out');
    const exported = await exportMailbox(temp.store, address, `maildir:${out}`);
    assert.equal(exported.messages, samples.length);
    assert.deepEqual(await fingerprintsOfSource(`maildir:${out}`), want);
    // empty folders travel too: the account's standard folders exist in the export, and come back
    const exportedFolders = await (await openSource(`maildir:${out}`)).listFolders();
    const account = (await temp.store.getAccount(address))!;
    assert.deepEqual(exportedFolders.sort(), (await temp.store.listFolders(account.id)).map((f) => f.name).sort());
    await mkdir(join(source, '.Empty', 'cur'), { recursive: true });
    await importMailbox(temp.store, address, `maildir:${source}`);
    assert.ok(await temp.store.getFolder(account.id, 'Empty'), 'an empty source folder is created');
  });

  it('mboxrd → store → mbox keeps bytes, flags, keywords and dates; one file per folder in a directory', async () => {
    const file = join(dir, 'in.mbox');
    await writeSamples(new MboxTarget(file, { directory: false }), samples, { folders: false });
    const address = await newAccount();
    const summary = await importMailbox(temp.store, address, `mbox:${file}`);
    assert.equal(summary.messages, samples.length);
    const want = expected(samples, { folders: false, flags: true });
    assert.deepEqual(await fingerprintsOfStore(temp.store, address), want);

    const outFile = join(dir, 'out.mbox');
    await exportMailbox(temp.store, address, `mbox:${outFile}`);
    assert.deepEqual(await fingerprintsOfSource(`mbox:${outFile}`), want);

    const treeIn = join(dir, 'mbox-tree-in');
    await writeSamples(new MboxTarget(treeIn, { directory: true }), samples, { folders: true });
    const treeAccount = await newAccount();
    await importMailbox(temp.store, treeAccount, `mbox:${treeIn}/`);
    const wantTree = expected(samples, { folders: true, flags: true });
    assert.deepEqual(await fingerprintsOfStore(temp.store, treeAccount), wantTree);
    const treeOut = join(dir, 'mbox-tree-out');
    await exportMailbox(temp.store, treeAccount, `mbox:${treeOut}/`);
    assert.deepEqual(await fingerprintsOfSource(`mbox:${treeOut}/`), wantTree);
  });

  it('EML → store → EML and Maildir keeps bytes, folders and dates', async () => {
    const emlIn = join(dir, 'eml-in');
    await writeSamples(new EmlTarget(emlIn), samples, { folders: true });
    const address = await newAccount();
    const summary = await importMailbox(temp.store, address, `eml:${emlIn}`, { folderPrefix: 'Old' });
    assert.equal(summary.messages, samples.length);
    const want = expected(samples, { folders: true, flags: false });
    assert.deepEqual(await fingerprintsOfStore(temp.store, address, 'Old'), want);

    const emlOut = join(dir, 'eml-out');
    await exportMailbox(temp.store, address, `eml:${emlOut}`);
    const prefixed = want.map((f) => ({ ...f, folder: `Old/${f.folder}` })).sort(byKey);
    assert.deepEqual(await fingerprintsOfSource(`eml:${emlOut}`, { flags: false }), prefixed);
    const maildirOut = join(dir, 'eml-maildir-out');
    await exportMailbox(temp.store, address, `maildir:${maildirOut}`);
    assert.deepEqual(await fingerprintsOfSource(`maildir:${maildirOut}`, { flags: false }), prefixed);
  });

  it('reports unreadable files, refused folders and keywords, and imports the rest', async () => {
    const source = join(dir, 'broken');
    await writeSamples(new MaildirTarget(source), samples.slice(0, 3), { folders: false });
    await symlink(join(dir, 'nowhere'), join(source, 'cur', '1.M1P1.dangling:2,S'));
    await mkdir(join(source, 'cur', '2.M2P2.directory:2,'));
    await mkdir(join(source, '.50%off', 'cur'), { recursive: true });
    await writeFile(join(source, '.50%off', 'cur', '3.M3P3.host:2,'), 'Subject: sale\n\n');
    await mkdir(join(source, '.Keywords', 'cur'), { recursive: true });
    await writeFile(join(source, '.Keywords', 'dovecot-keywords'), '0 ok\n1 bad(kw\n');
    await writeFile(join(source, '.Keywords', 'cur', '4.M4P4.host:2,Sab'), 'Subject: keywords\n\n');
    const address = await newAccount();
    const progress = new SilentProgress();
    const summary = await importMailbox(temp.store, address, `maildir:${source}`, { progress });
    assert.equal(summary.messages, 4);
    assert.equal(summary.failed, 3);
    const reasons = summary.failures.map((failure) => `${failure.item}: ${failure.reason}`).join('\n');
    assert.match(reasons, /1\.M1P1\.dangling.*ENOENT/);
    assert.match(reasons, /2\.M2P2\.directory.*EISDIR/);
    assert.match(reasons, /folder "50%off" cannot be created/);
    assert.ok(progress.notes.some((note) => note.startsWith('flag "bad(kw" dropped')), progress.notes.join('\n'));
    const account = (await temp.store.getAccount(address))!;
    const keywords = (await temp.store.getFolder(account.id, 'Keywords'))!;
    const [message] = await temp.store.listMessages(keywords.id);
    assert.deepEqual(message!.flags, ['\\Seen', 'ok']);
  });

  it('refuses a missing source and a missing account with one clear line', async () => {
    const address = await newAccount();
    await assert.rejects(importMailbox(temp.store, address, `maildir:${join(dir, 'absent')}`), /no such file or directory/);
    await assert.rejects(importMailbox(temp.store, 'nobody@example.org', `maildir:${dir}`), /account nobody@example.org does not exist/);
    await assert.rejects(importMailbox(temp.store, address, 'imap://x'), /not a file source/);
  });
});
