import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ImapClient } from '../../../src/imap/client/client.ts';
import type { AppendMode } from '../../../src/imap/client/commands/append.ts';
import { ImapClientError } from '../../../src/imap/client/errors.ts';
import { asDovecotStores, hostileMessages, startFixture, type ClientFixture } from './fixture.ts';

let fixture: ClientFixture;
let client: ImapClient;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

before(async () => {
  fixture = await startFixture();
  client = await fixture.connect();
});
after(async () => {
  await client?.logout();
  await fixture?.stop();
});

async function fetchAll(folder: string, options: { binary?: boolean } = {}): Promise<Map<number, Buffer>> {
  await client.select(folder);
  const out = new Map<number, Buffer>();
  for await (const message of client.fetchBodies('1:*', options)) out.set(message.uid, await message.body.buffer());
  return out;
}

for (const mode of ['multiappend', 'pipelined', 'sequential'] as AppendMode[]) {
  test(`${mode} APPEND of byte-hostile messages comes back sha256-equal`, async () => {
    const folder = `Hostile ${mode}`;
    await client.create(folder);
    const messages = hostileMessages();
    const trace: string[] = [];
    const tracing = await fixture.connect({ trace: (direction, text) => trace.push(`${direction} ${text}`) });
    const results = await tracing.append(folder, messages.map((content) => ({ content })), { mode });
    await tracing.logout();
    assert.deepEqual(results.map((result) => result.ok), messages.map(() => true));
    const uids = results.map((result) => (result.ok ? result.uid : 0));
    assert.deepEqual(uids, messages.map((_, i) => i + 1), 'APPENDUID gives each message its UID, in order');
    const appendLines = trace.filter((line) => line.startsWith('client') && line.includes('APPEND'));
    const continuations = trace.filter((line) => line.startsWith('server +')).length;
    if (mode === 'multiappend') assert.equal(appendLines.length, 1);
    else assert.equal(appendLines.length, messages.length);
    assert.equal(continuations, mode === 'sequential' ? messages.length : 0, 'LITERAL+ needs no "+"; sequential waits for each');

    const binary = await fetchAll(folder, { binary: true });
    messages.forEach((message, i) => assert.equal(sha256(binary.get(i + 1)!), sha256(asDovecotStores(message)), `message ${i + 1} via BINARY`));
    const body = await fetchAll(folder);
    messages.forEach((message, i) => {
      // RFC 3501 allows no NUL in BODY[]: Dovecot drops it or turns it into 0x80; BINARY above keeps it
      const stored = asDovecotStores(message).toString('latin1');
      const variants = new Set([stored.replace(/\0/g, ''), stored.replace(/\0/g, '\x80')].map((text) => sha256(Buffer.from(text, 'latin1'))));
      assert.ok(variants.has(sha256(body.get(i + 1)!)), `message ${i + 1} via BODY`);
    });
  });
}

test('flags, custom keywords and internal dates are kept', async () => {
  const folder = 'Flags';
  await client.create(folder);
  const dates = [new Date('2001-02-03T04:05:06Z'), new Date('2024-12-31T23:59:59Z')];
  const results = await client.append(folder, [
    { content: Buffer.from('Subject: one\r\nMessage-ID: <one@test>\r\n\r\n1\r\n'), flags: ['\\Seen', '\\Flagged', '$Label1', 'Custom_Kw', '\\Recent'], internalDate: dates[0] },
    { content: Buffer.from('Subject: two\r\n\r\n2\r\n'), flags: ['\\Answered', '\\Draft', 'NonJunk'], internalDate: dates[1] },
  ]);
  assert.ok(results.every((result) => result.ok));
  await client.select(folder);
  const meta = [];
  for await (const record of client.fetchMeta('1:*')) meta.push(record);
  assert.equal(meta.length, 2);
  assert.deepEqual(new Set(meta[0]!.flags.filter((flag) => flag !== '\\Recent')), new Set(['\\Seen', '\\Flagged', '$Label1', 'Custom_Kw']));
  assert.deepEqual(new Set(meta[1]!.flags.filter((flag) => flag !== '\\Recent')), new Set(['\\Answered', '\\Draft', 'NonJunk']));
  assert.deepEqual(meta.map((record) => record.internalDate?.toISOString()), dates.map((date) => date.toISOString()));
  assert.equal(meta[0]!.messageId, '<one@test>');
  assert.equal(meta[1]!.messageId, null);
  const fromHeader = [];
  for await (const record of client.fetchMeta([1, 2], { messageId: 'header' })) fromHeader.push(record.messageId);
  assert.deepEqual(fromHeader, ['<one@test>', null]);
  const bodies = [];
  for await (const message of client.fetchBodies([1, 2])) bodies.push({ flags: message.flags, date: message.internalDate?.toISOString(), size: message.size });
  assert.equal(bodies[1]!.date, dates[1]!.toISOString());
  assert.ok(!bodies[0]!.flags.includes('\\Recent') || bodies[0]!.flags.includes('\\Seen'), 'BODY.PEEK keeps \\Seen as it was');
});

test('a message the server refuses fails alone; the rest of the MULTIAPPEND batch lands', async () => {
  const folder = 'Partial';
  await client.create(folder);
  const results = await client.append(folder, [
    { content: Buffer.from('Subject: ok 1\r\n\r\n1\r\n') },
    { content: Buffer.alloc(0) },
    { content: Buffer.from('Subject: bad flag\r\n\r\n2\r\n'), flags: ['bad flag'] },
    { content: Buffer.from('Subject: ok 2\r\n\r\n3\r\n') },
  ], { mode: 'multiappend' });
  assert.equal(results[0]!.ok, true);
  assert.equal(results[1]!.ok, false);
  assert.equal(results[2]!.ok, false);
  assert.equal(results[3]!.ok, true);
  const refused = results[1] as { ok: false; error: ImapClientError };
  assert.equal(refused.error.command, 'APPEND');
  assert.match((results[2] as { ok: false; error: ImapClientError }).error.message, /not a valid IMAP flag/);
  assert.equal((await client.status(folder)).messages, 2);
});

test('large messages stream in from a source and are spooled on the way out, byte-exact', async () => {
  const folder = 'Large';
  await client.create(folder);
  const size = 6 * 1024 * 1024 + 123;
  const pattern = (i: number) => Buffer.from(`line ${String(i).padStart(8, '0')} ${'z'.repeat(60)}\r\n`);
  const header = Buffer.from('Subject: large\r\n\r\n');
  const lines: Buffer[] = [header];
  let total = header.length;
  for (let i = 0; total < size; i++) {
    const line = pattern(i).subarray(0, Math.min(72, size - total));
    lines.push(line);
    total += line.length;
  }
  const expected = Buffer.concat(lines);
  const spooling = await fixture.connect({ literalMemoryLimit: 256 * 1024 });
  const [result] = await spooling.append(folder, [{ content: { size: expected.length, open: () => Readable.from(lines) } }]);
  assert.equal(result!.ok, true);
  await spooling.select(folder);
  let seen = 0;
  for await (const message of spooling.fetchBodies('1:*')) {
    assert.equal(message.body.spooled, true, 'above the memory limit the body lives in a temp file');
    const hash = createHash('sha256');
    for await (const chunk of message.body.stream()) hash.update(chunk as Buffer);
    assert.equal(hash.digest('hex'), sha256(expected));
    seen += 1;
  }
  assert.equal(seen, 1);
  await spooling.logout();
});

test('a message source that lies about its size fails without corrupting anything', async () => {
  const folder = 'Liar';
  await client.create(folder);
  const liar = await fixture.connect();
  const results = await liar.append(folder, [
    { content: { size: 100, open: () => Readable.from([Buffer.from('Subject: short\r\n\r\nonly 30 bytes\r\n')]) } },
  ], { mode: 'pipelined' });
  assert.equal(results[0]!.ok, false);
  const error = (results[0] as { ok: false; error: ImapClientError }).error;
  assert.match(error.message, /fewer bytes than its announced size 100/);
  assert.equal(liar.connection.closed, true, 'the connection is dropped: the literal length was already sent');
  assert.equal((await client.status(folder)).messages, 0);
});
