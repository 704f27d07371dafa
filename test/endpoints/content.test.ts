// Message bytes in transit: small messages stay in memory, large ones go to an unlinked spool file, both
// re-readable with the right digest; the Message-ID is read from the header block only; the IMAP-view digest
// matches what Dovecot serves for bare-LF and NUL messages.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { materialize, messageIdOf } from '../../src/endpoints/content.ts';
import type { ReadMessage } from '../../src/endpoints/endpoint.ts';
import { digests } from '../../src/transfer/digest.ts';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function streamed(bytes: Buffer, chunk: number): ReadMessage {
  return {
    identity: { id: '1', size: bytes.length, flags: [], internalDate: null },
    bytes: (async function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    })(),
    discard() {},
  };
}

async function readAll(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

test('small in memory, large spooled; both re-readable, digest and Message-ID known', async () => {
  const small = Buffer.from('Message-ID: <s@x>\r\n\r\nsmall\r\n');
  const large = Buffer.concat([Buffer.from('Subject: big\r\nMessage-ID: <l@x>\r\n\r\n'), Buffer.alloc(3 * 1024 * 1024, 0x61)]);
  const a = await materialize(streamed(small, 7), { memoryLimit: 1024 });
  assert.ok(a.content.buffer);
  assert.equal(a.content.sha256, sha(small));
  assert.equal(a.messageId, '<s@x>');
  const b = await materialize(streamed(large, 65_536), { memoryLimit: 1024 * 1024 });
  assert.equal(b.content.buffer, undefined, 'spooled, not in memory');
  assert.equal(b.content.size, large.length);
  assert.equal(b.messageId, '<l@x>');
  for (let i = 0; i < 2; i++) assert.equal(sha(await readAll(b.content.open())), sha(large), `read ${i + 1}`);
  b.content.release();
});

test('a spooled message reads again, whole, after a reader stopped early, and by concurrent readers', async () => {
  const large = Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), Buffer.alloc(2 * 1024 * 1024 + 12_345, 0x62)]);
  // the stream source has no reopen: over the limit, the bytes go to a spool file
  const spooled = await materialize(streamed(large, 50_000), { memoryLimit: 64 * 1024 });
  assert.equal(spooled.content.buffer, undefined, 'spooled, not in memory');
  for await (const chunk of spooled.content.open()) {
    assert.ok(chunk.length > 0);
    break; // a reader that only wanted the start
  }
  assert.equal(sha(await readAll(spooled.content.open())), sha(large), 'read again after an early stop');
  const both = await Promise.all([readAll(spooled.content.open()), readAll(spooled.content.open())]);
  for (const bytes of both) assert.equal(sha(bytes), sha(large), 'concurrent read');
  spooled.content.release();
});

test('a message already in a temporary file (a spooled IMAP literal) is taken over, not copied', async () => {
  const large = Buffer.concat([Buffer.from('Message-ID: <file@x>\r\n\r\n'), Buffer.alloc(700 * 1024, 0x63)]);
  const path = join(tmpdir(), `mf-content-test-${process.pid}`);
  const fd = openSync(path, 'w+');
  unlinkSync(path);
  writeSync(fd, large);
  let streamed = false;
  const read: ReadMessage = {
    identity: { id: '1', size: large.length, flags: [], internalDate: null },
    bytes: (async function* () {
      streamed = true;
      yield large;
    })(),
    takeFile: () => ({ fd, size: large.length }),
    discard() {},
  };
  const { content, messageId } = await materialize(read, { memoryLimit: 1024 * 1024 });
  assert.equal(streamed, false, 'the stream was not read');
  assert.equal(content.buffer, undefined);
  assert.equal(content.sha256, sha(large));
  assert.equal(messageId, '<file@x>');
  assert.equal(sha(await readAll(content.open())), sha(large));
  const piece = Buffer.alloc(100 * 1024);
  const parts: Buffer[] = [];
  for (let at = 0, count; (count = await content.readAt!(piece, at)) > 0; at += count) parts.push(Buffer.from(piece.subarray(0, count)));
  assert.equal(sha(Buffer.concat(parts)), sha(large), 'positional reads into the caller\'s buffer');
  content.release();
  await assert.rejects(async () => content.readAt!(piece, 0), /released/);
});

test('Message-ID from the header block only, folded, any case', () => {
  assert.equal(messageIdOf(Buffer.from('Subject: x\r\nmessage-ID:\r\n <folded@x>\r\n\r\nbody')), '<folded@x>');
  assert.equal(messageIdOf(Buffer.from('Subject: x\r\n\r\nMessage-ID: <body@x>\r\n')), null);
  assert.equal(messageIdOf(Buffer.from('X-Message-ID: <other@x>\n\n')), null);
});

test('the IMAP-view digest: bare LF as CRLF, NUL as 0x80, across chunk boundaries', async () => {
  const raw = Buffer.from('a\nb\r\nc\0d\n', 'latin1');
  const served = Buffer.from('a\r\nb\r\nc\x80d\r\n', 'latin1');
  const whole = await digests(raw);
  assert.equal(whole.sha256, sha(raw));
  assert.equal(whole.crlf, sha(served));
  const split = await digests((async function* () { yield raw.subarray(0, 4); yield raw.subarray(4); })()); // "a\nb\r" | "\nc…"
  assert.equal(split.crlf, sha(served));
});
