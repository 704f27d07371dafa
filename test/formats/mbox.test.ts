import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requoteFromLines } from '../../src/formats/mbox/escape.ts';
import { formatFromLine, parseFromLine } from '../../src/formats/mbox/from-line.ts';
import { MboxSource } from '../../src/formats/mbox/reader.ts';
import { MboxSplitter, NotMboxError } from '../../src/formats/mbox/splitter.ts';
import { MboxTarget } from '../../src/formats/mbox/writer.ts';
import type { MailItem } from '../../src/formats/types.ts';
import { awkwardMessages, chunked, collect } from './samples.ts';

async function items(source: AsyncIterable<MailItem>): Promise<MailItem[]> {
  const out: MailItem[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('mbox From line', () => {
  it('parses asctime dates, with and without zones', () => {
    assert.equal(parseFromLine('From a@b Thu Jan  1 00:00:00 2004')?.date?.toISOString(), '2004-01-01T00:00:00.000Z');
    assert.equal(parseFromLine('From a@b Sat Mar 02 10:11:12 +0100 2024')?.date?.toISOString(), '2024-03-02T09:11:12.000Z');
    assert.equal(parseFromLine('From a@b Sat Mar  2 10:11 2024 -0500')?.date?.toISOString(), '2024-03-02T15:11:00.000Z');
    assert.equal(parseFromLine('From the desk of the director')?.date, undefined);
    assert.equal(parseFromLine('>From a@b Thu Jan  1 00:00:00 2004'), undefined);
  });

  it('formats the date in UTC with a space-padded day', () => {
    assert.equal(formatFromLine(new Date('2004-01-01T00:00:00Z')), 'From MAILER-DAEMON Thu Jan  1 00:00:00 2004\n');
    const date = new Date('2024-12-25T13:14:15Z');
    assert.equal(parseFromLine(formatFromLine(date).trimEnd())?.date?.getTime(), date.getTime());
  });
});

describe('mbox From quoting', () => {
  const text = 'From a\n>From b\n>>From c\nFromage\n>Fro\n>\nx From y\n>>>';
  it('mboxrd quoting and unquoting are exact inverses, across any chunking', async () => {
    const quoted = await collect(requoteFromLines(chunked(Buffer.from(text)), 'escape'));
    assert.equal(quoted.toString(), '>From a\n>>From b\n>>>From c\nFromage\n>Fro\n>\nx From y\n>>>');
    const back = await collect(requoteFromLines(chunked(quoted, [1, 1, 2]), 'unescape-mboxrd'));
    assert.equal(back.toString(), text);
  });

  it('mboxo unquoting removes exactly one level from ">From " only', async () => {
    const back = await collect(requoteFromLines(chunked(Buffer.from('>From a\n>>From b\nFrom c\n')), 'unescape-mboxo'));
    assert.equal(back.toString(), 'From a\n>>From b\nFrom c\n');
  });
});

describe('mbox splitter', () => {
  it('splits only at From lines after a blank line, and reads foreign flag headers', () => {
    const file = Buffer.from(
      'From a@b Thu Jan  1 00:00:00 2004\r\nStatus: RO\r\nX-Status: AF\r\nX-Keywords: work\r\n home\r\n\r\nbody\r\n' +
        'From the desk: not a separator (no blank line before)\r\n\r\nFrom me without a date\r\n\r\n' +
        'From c@d Fri Jan  2 00:00:00 2004\nSubject: two\n\nlast',
    );
    const splitter = new MboxSplitter();
    const ranges = [...splitter.push(file.subarray(0, 50)), ...splitter.push(file.subarray(50)), ...splitter.finish()];
    assert.equal(ranges.length, 2);
    assert.deepEqual(ranges[0]!.flags, ['\\Seen', '\\Answered', '\\Flagged', 'work', 'home']);
    const first = file.subarray(ranges[0]!.start, ranges[0]!.end).toString();
    assert.ok(first.startsWith('Status: RO\r\n'), 'foreign flag headers stay in the message');
    assert.ok(first.endsWith('From me without a date\r\n'), 'the blank CRLF separator line is not content');
    assert.equal(file.subarray(ranges[1]!.start, ranges[1]!.end).toString(), 'Subject: two\n\nlast');
    assert.equal(ranges[1]!.from.date?.toISOString(), '2004-01-02T00:00:00.000Z');
  });

  it('finds the same messages whatever the chunking', async () => {
    const path = join(tmpdir(), `mailferry-split-${process.pid}.mbox`);
    const target = new MboxTarget(path, { directory: false });
    for (const sample of awkwardMessages().slice(0, 9)) {
      await target.write({ folder: 'INBOX', flags: sample.flags, internalDate: sample.internalDate, body: chunked(sample.bytes) });
    }
    await target.close();
    const file = await readFile(path);
    await rm(path);
    const whole = new MboxSplitter();
    const expected = [...whole.push(file), ...whole.finish()];
    for (const size of [1, 3, 17]) {
      const splitter = new MboxSplitter();
      const ranges = [];
      for (let at = 0; at < file.length; at += size) ranges.push(...splitter.push(file.subarray(at, at + size)));
      ranges.push(...splitter.finish());
      assert.deepEqual(ranges, expected, `chunks of ${size}`);
    }
  });

  it('refuses a file that does not start with a From line', () => {
    assert.throws(() => new MboxSplitter().push(Buffer.from('Subject: x\n\n')), NotMboxError);
  });
});

describe('mbox writer and reader', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailferry-mbox-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips awkward messages byte-exact with flags and dates', async () => {
    const samples = awkwardMessages();
    const path = join(dir, 'one.mbox');
    const target = new MboxTarget(path, { directory: false });
    for (const sample of samples) {
      await target.write({ folder: 'INBOX', flags: sample.flags, internalDate: sample.internalDate, body: chunked(sample.bytes) });
    }
    await target.close();
    const read = await items(new MboxSource(path, { directory: false }));
    assert.equal(read.length, samples.length);
    for (const [index, sample] of samples.entries()) {
      const item = read[index]!;
      assert.ok((await collect(item.open())).equals(sample.bytes), `bytes of ${sample.name}`);
      assert.deepEqual([...item.flags].sort(), [...sample.flags].sort(), `flags of ${sample.name}`);
      assert.equal(item.internalDate.getTime(), sample.internalDate.getTime(), `date of ${sample.name}`);
      assert.equal(item.folder, 'INBOX');
    }
    // the file is plain mboxrd: every From line in a body is quoted
    const text = (await readFile(path)).toString('latin1');
    assert.equal(text.split('\nFrom ').length - 1 + (text.startsWith('From ') ? 1 : 0), samples.length);
  });

  it('keeps keys stable when the file is appended to', async () => {
    const path = join(dir, 'grow.mbox');
    const target = new MboxTarget(path, { directory: false });
    const sample = awkwardMessages()[0]!;
    await target.write({ folder: 'INBOX', flags: [], internalDate: sample.internalDate, body: chunked(sample.bytes) });
    await target.close();
    const before = (await items(new MboxSource(path, { directory: false }))).map((item) => item.key);
    const again = new MboxTarget(path, { directory: false });
    await again.write({ folder: 'INBOX', flags: [], internalDate: new Date(), body: chunked(sample.bytes) });
    await again.close();
    const after = (await items(new MboxSource(path, { directory: false }))).map((item) => item.key);
    assert.equal(after.length, 2);
    assert.equal(after[0], before[0]);
    assert.notEqual(after[1], after[0]);
  });

  it('writes one file per folder in a directory and reads the tree back', async () => {
    const root = join(dir, 'tree');
    const target = new MboxTarget(root, { directory: true });
    const body = Buffer.from('Subject: s\n\nx\n');
    for (const folder of ['INBOX', 'Archive', 'Archive/2023', 'Ünïcode/Sub']) {
      await target.write({ folder, flags: ['\\Seen'], internalDate: new Date('2020-01-01T00:00:00Z'), body: chunked(body) });
    }
    await target.close();
    assert.ok((await readFile(join(root, 'Archive.sbd', '2023'))).length > 0);
    const read = await items(new MboxSource(root, { directory: true }));
    assert.deepEqual(read.map((item) => item.folder).sort(), ['Archive', 'Archive/2023', 'INBOX', 'Ünïcode/Sub']);
  });

  it('reports a file that is not an mbox and goes on', async () => {
    const root = join(dir, 'mixed');
    await new MboxTarget(root, { directory: true }).write({ folder: 'Good', flags: [], internalDate: new Date(), body: chunked(Buffer.from('a\n')) });
    await writeFile(join(root, 'Bad'), 'Subject: not mbox\n\n');
    const problems: string[] = [];
    const read = await items(new MboxSource(root, { directory: true, onProblem: (p) => problems.push(`${p.path}: ${p.message}`) }));
    assert.equal(read.length, 1);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /Bad: not an mbox file/);
  });
});
