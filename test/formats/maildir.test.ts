import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { directoryOfFolder, folderOfDirectory } from '../../src/formats/maildir/folders.ts';
import { flagsToLetters, lettersToFlags, parseMaildirName } from '../../src/formats/maildir/info.ts';
import { MaildirSource } from '../../src/formats/maildir/reader.ts';
import { MaildirTarget } from '../../src/formats/maildir/writer.ts';
import type { MailItem } from '../../src/formats/types.ts';
import { awkwardMessages, chunked, collect } from './samples.ts';

async function items(source: AsyncIterable<MailItem>): Promise<MailItem[]> {
  const out: MailItem[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('Maildir names', () => {
  it('splits the unique part, ,S= size and info letters', () => {
    assert.deepEqual(parseMaildirName('1700000000.M1P2.host,S=1234,W=1250:2,FSa'), {
      unique: '1700000000.M1P2.host,S=1234,W=1250', letters: 'FSa', size: 1234,
    });
    assert.deepEqual(parseMaildirName('1700000000.M1P2.host'), { unique: '1700000000.M1P2.host', letters: '' });
  });

  it('maps letters to flags and back in ASCII order', () => {
    const keywords = new Map([['a', 'work'], ['c', '$Label1']]);
    assert.deepEqual(lettersToFlags('DFPRSTacz', (l) => keywords.get(l)), [
      '\\Draft', '\\Flagged', '$Forwarded', '\\Answered', '\\Seen', '\\Deleted', 'work', '$Label1',
    ]);
    const letterOf = (k: string) => ({ work: 'a', $Label1: 'c' } as Record<string, string>)[k];
    assert.equal(flagsToLetters(['work', '\\Seen', '$Forwarded', '\\Recent', '\\Flagged', '$Label1'], letterOf), 'FPSac');
  });

  it('maps Maildir++ directories to folders with modified UTF-7 names', () => {
    assert.equal(folderOfDirectory('.Entw&APw-rfe.2024'), 'Entwürfe/2024');
    assert.equal(directoryOfFolder('Entwürfe/2024'), '.Entw&APw-rfe.2024');
    assert.equal(directoryOfFolder('INBOX'), '');
    assert.equal(folderOfDirectory('..'), undefined);
    assert.throws(() => directoryOfFolder('a.b'), /cannot be written as a Maildir\+\+ directory/);
  });
});

describe('Maildir writer and reader', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailferry-maildir-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips awkward messages byte-exact with flags, keywords and dates, in sub-folders', async () => {
    const root = join(dir, 'round');
    const target = new MaildirTarget(root);
    const samples = awkwardMessages();
    const folders = ['INBOX', 'Entwürfe', 'Archive/2023', '日本語'];
    for (const [index, sample] of samples.entries()) {
      await target.write({
        folder: folders[index % folders.length]!, flags: sample.flags, internalDate: sample.internalDate, body: chunked(sample.bytes),
      });
    }
    await target.close();
    assert.ok((await readdir(root)).includes('.Entw&APw-rfe'));
    assert.equal(await readFile(join(root, '.Archive.2023', 'maildirfolder'), 'utf8'), '');
    const read = await items(new MaildirSource(root));
    assert.equal(read.length, samples.length);
    for (const [index, sample] of samples.entries()) {
      const item = read.find((candidate) => candidate.internalDate.getTime() === sample.internalDate.getTime());
      assert.ok(item, `found ${sample.name}`);
      assert.equal(item.folder, folders[index % folders.length]);
      assert.ok((await collect(item.open())).equals(sample.bytes), `bytes of ${sample.name}`);
      assert.deepEqual([...item.flags].sort(), [...sample.flags].sort(), `flags of ${sample.name}`);
      assert.equal(item.size, sample.bytes.length);
    }
    const totals = await new MaildirSource(root).estimate();
    assert.deepEqual(totals, { messages: samples.length, bytes: samples.reduce((sum, s) => sum + s.bytes.length, 0) });
  });

  it('reads new/ as unflagged, keeps the key across a flag rename, and follows a rename during the read', async () => {
    const root = join(dir, 'rename');
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, sub), { recursive: true });
    await writeFile(join(root, 'new', '1.M1P1.host'), 'Subject: new\n\n');
    await writeFile(join(root, 'cur', '2.M2P2.host,S=15:2,S'), 'Subject: seen\n\n');
    await writeFile(join(root, 'tmp', '3.M3P3.host'), 'in progress');
    await utimes(join(root, 'new', '1.M1P1.host'), new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    const first = await items(new MaildirSource(root));
    assert.deepEqual(first.map((item) => [item.key, item.flags]), [['1.M1P1.host', []], ['2.M2P2.host,S=15', ['\\Seen']]]);
    assert.equal(first[0]!.internalDate.toISOString(), '2001-01-01T00:00:00.000Z');

    // a flag change renames the file; the key stays
    await rename(join(root, 'new', '1.M1P1.host'), join(root, 'cur', '1.M1P1.host:2,S'));
    const source = new MaildirSource(root);
    const iterator = source[Symbol.asyncIterator]();
    // the folder is listed at the first step; the server then renames the second message
    const firstItem = (await iterator.next()).value as MailItem;
    assert.equal(firstItem.key, '1.M1P1.host');
    assert.deepEqual(firstItem.flags, ['\\Seen']);
    await rename(join(root, 'cur', '2.M2P2.host,S=15:2,S'), join(root, 'cur', '2.M2P2.host,S=15:2,RS'));
    const secondItem = (await iterator.next()).value as MailItem;
    assert.equal(secondItem.key, '2.M2P2.host,S=15');
    assert.deepEqual(secondItem.flags, ['\\Answered', '\\Seen']);
    assert.equal((await collect(secondItem.open())).toString(), 'Subject: seen\n\n');
  });

  it('gives keywords letters in dovecot-keywords and reports the 27th', async () => {
    const root = join(dir, 'keywords');
    const problems: string[] = [];
    const target = new MaildirTarget(root, { onProblem: (p) => problems.push(p.message) });
    const keywords = Array.from({ length: 27 }, (_, i) => `kw${i}`);
    await target.write({ folder: 'INBOX', flags: keywords, internalDate: new Date(), body: chunked(Buffer.from('x')) });
    await target.close();
    const file = await readFile(join(root, 'dovecot-keywords'), 'utf8');
    assert.ok(file.startsWith('0 kw0\n1 kw1\n'));
    assert.equal(file.split('\n').length - 1, 26);
    assert.deepEqual(problems, ['keyword "kw26" not written: a Maildir folder holds at most 26 keywords']);
    const [item] = await items(new MaildirSource(root));
    assert.deepEqual(item!.flags, keywords.slice(0, 26));
  });

  it('reports an unreadable folder and goes on', { skip: process.getuid?.() === 0 && 'root reads everything' }, async () => {
    const root = join(dir, 'unreadable');
    const target = new MaildirTarget(root);
    await target.write({ folder: 'INBOX', flags: [], internalDate: new Date(), body: chunked(Buffer.from('a')) });
    await target.write({ folder: 'Locked', flags: [], internalDate: new Date(), body: chunked(Buffer.from('b')) });
    const { chmod } = await import('node:fs/promises');
    await chmod(join(root, '.Locked', 'cur'), 0o000);
    const problems: string[] = [];
    try {
      const read = await items(new MaildirSource(root, { onProblem: (p) => problems.push(p.path) }));
      assert.equal(read.length, 1);
      assert.deepEqual(problems, [join(root, '.Locked', 'cur')]);
    } finally {
      await chmod(join(root, '.Locked', 'cur'), 0o700);
    }
  });
});
