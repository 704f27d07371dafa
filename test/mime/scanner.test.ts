// Part offsets cut exactly the bytes Dovecot serves for each section, and memory stays flat while a
// 50 MB message streams through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MimeScanner } from '../../src/mime/scanner.ts';
import { formatBodyStructure } from '../../src/mime/imap-format.ts';
import { stringValue } from '../helpers/fetch-items.ts';
import { dovecotWithCorpus, loadCorpus, scan, type LoadedDovecot } from './corpus.ts';
import { sectionsOf, asImapText } from './sections.ts';

const corpus = loadCorpus();
let oracle: LoadedDovecot;

before(async () => {
  oracle = await dovecotWithCorpus(corpus);
});

after(async () => {
  await oracle?.close();
});

test('offsets of every part cut the bytes Dovecot returns for BODY[section] and BODY[section.MIME]', async () => {
  const mismatches: string[] = [];
  let sectionCount = 0;
  for (const [index, message] of oracle.stored.entries()) {
    const info = scan(message.bytes);
    const sections = sectionsOf(info.body);
    const wanted = ['RFC822.SIZE', 'BODY.PEEK[]', 'BODY.PEEK[HEADER]', 'BODY.PEEK[TEXT]', ...sections.map((s) => `BODY.PEEK[${s.section}]`)];
    const items = new Map<string, Buffer>();
    for (let i = 0; i < wanted.length; i += 500) { // keep each command line well below Dovecot's limit
      for (const [name, value] of await oracle.fetch(index + 1, wanted.slice(i, i + 500).join(' '))) items.set(name, value);
    }
    const expect = (item: string, bytes: Buffer) => {
      sectionCount++;
      const theirs = items.get(item);
      const got = theirs === undefined ? null : stringValue(theirs);
      if (got === null || !got.equals(asImapText(bytes))) {
        mismatches.push(`${message.name} ${item}: dovecot ${JSON.stringify(got?.toString('latin1').slice(0, 200))} ours ${JSON.stringify(asImapText(bytes).toString('latin1').slice(0, 200))}`);
      }
    };
    const size = Number(items.get('RFC822.SIZE')?.toString('latin1'));
    if (size !== message.bytes.length + (info.bareLf ?? 0)) mismatches.push(`${message.name} RFC822.SIZE ${size}`);
    expect('BODY[]', message.bytes);
    const { headerStart, bodyStart, bodyEnd } = info.body.offsets;
    expect('BODY[HEADER]', message.bytes.subarray(headerStart, bodyStart));
    expect('BODY[TEXT]', message.bytes.subarray(bodyStart, bodyEnd));
    for (const s of sections) expect(`BODY[${s.section}]`, message.bytes.subarray(s.start, s.end));
  }
  console.log(`offsets: ${sectionCount - mismatches.length}/${sectionCount} sections match Dovecot`);
  assert.equal(mismatches.length, 0, mismatches.join('\n'));
});

test('the empty message scans as an empty text/plain part', () => {
  const info = new MimeScanner().finish();
  assert.equal(formatBodyStructure(info.body, { extensible: false }), '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0)');
  assert.deepEqual(info.body.offsets, { headerStart: 0, bodyStart: 0, bodyEnd: 0 });
});

test('a 50 MB message streams through in 64 KB chunks with flat memory', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const chunk = 64 * 1024;
  const line = Buffer.from(`${'QUJD'.repeat(19)}\r\n`); // 78-byte base64 lines
  const body = Buffer.alloc(chunk - (chunk % line.length));
  for (let pos = 0; pos < body.length; pos += line.length) line.copy(body, pos);
  const noNewline = Buffer.alloc(chunk, 0x41); // then 5 MB without a single line end

  const scanner = new MimeScanner();
  scanner.push(Buffer.from('From: big@example.com\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=big\r\n\r\n'
    + '--big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n'));
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = 0;
  let pushed = 0;
  const started = Date.now();
  for (let i = 0; pushed < 45 * 1024 * 1024; i++) {
    scanner.push(body);
    pushed += body.length;
    if (i % 64 === 0) {
      gc(); // measure what the scanner retains, not garbage awaiting collection
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
  }
  scanner.push(Buffer.from('\r\n--big\r\nContent-Type: text/plain\r\n\r\n'));
  for (let i = 0; i < 80; i++) { scanner.push(noNewline); pushed += noNewline.length; }
  scanner.push(Buffer.from('\r\n--big--\r\n'));
  const info = scanner.finish();
  const seconds = (Date.now() - started) / 1000;
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
  console.log(`50 MB: ${(pushed / 1048576 / seconds).toFixed(0)} MB/s (with periodic gc), retained heap growth peak ${(peak / 1024).toFixed(0)} KB`);
  assert.equal(info.body.children?.length, 2);
  assert.equal(info.body.children?.[1].size, 80 * chunk);
  assert.ok(peak < 2 * 1024 * 1024, `heap grew by ${peak} bytes`);
});

test('a header block of 33 MB of folds and repeated address fields keeps memory bounded', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const scanner = new MimeScanner();
  scanner.push(Buffer.from('Subject: start\r\nTo: a@example.com\r\n'));
  const folds = Buffer.from(' b@example.com,\r\n'.repeat(4096));
  const toLines = Buffer.from('To: c@example.com\r\n'.repeat(4096));
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 450; i++) scanner.push(i % 2 === 0 ? folds : toLines);
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  scanner.push(Buffer.from('\r\nbody\r\n'));
  const info = scanner.finish();
  console.log(`33 MB header: retained heap growth ${(grown / 1048576).toFixed(1)} MB`);
  assert.ok(grown < 16 * 1024 * 1024, `heap grew by ${grown} bytes`);
  assert.equal(info.envelope.subject, 'start');
  assert.equal(info.body.size, 6);
  assert.equal(info.body.offsets.bodyEnd, info.body.offsets.bodyStart + 6);
});
