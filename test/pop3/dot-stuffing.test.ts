import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { DotStuffer, createDotStuffer } from '../../src/pop3/codec/dot-stuffer.ts';
import { ResponseReader, parseStatusLine } from '../../src/pop3/codec/response-reader.ts';
import { TopFilter } from '../../src/pop3/codec/top-filter.ts';
import { Pop3ProtocolError } from '../../src/pop3/codec/errors.ts';

function stuff(message: Buffer, chunkSizes: () => number): Buffer {
  const stuffer = new DotStuffer();
  const out: Buffer[] = [];
  for (let i = 0; i < message.length; ) {
    const n = Math.max(1, chunkSizes());
    out.push(...stuffer.stuff(message.subarray(i, i + n)));
    i += n;
  }
  out.push(stuffer.finish());
  return Buffer.concat(out);
}

/** Feeds "+OK\r\n" + wire + "+OK next\r\n" to a reader in random chunks; returns the body and the trailing status. */
function readBack(wire: Buffer, chunkSizes: () => number): { body: Buffer; after: string } {
  const reader = new ResponseReader();
  const all = Buffer.concat([Buffer.from('+OK 12 octets\r\n'), wire, Buffer.from('+OK next\r\n')]);
  const body: Buffer[] = [];
  let phase: 'status' | 'body' | 'after' = 'status';
  let after = '';
  for (let i = 0; i < all.length; ) {
    const n = Math.max(1, chunkSizes());
    reader.push(all.subarray(i, i + n));
    i += n;
    for (let event = reader.next(); event; event = reader.next()) {
      if (event.kind === 'status' && phase === 'status') {
        reader.expectMultiline();
        phase = 'body';
      } else if (event.kind === 'data') body.push(Buffer.from(event.chunk));
      else if (event.kind === 'end') phase = 'after';
      else if (event.kind === 'status') after = event.text;
    }
  }
  return { body: Buffer.concat(body), after };
}

const awkward = [
  Buffer.from('From: a\r\n\r\n.\r\n..\r\n...x\r\n.\rnot-end\r\nlast line'),
  Buffer.from('bare\nLF\n.\n..\n'),
  Buffer.from([0x2e, 0x00, 0xff, 0x0d, 0x0a, 0x2e, 0x0d, 0x0d, 0x0a, 0x2e, 0x0a, 0x80]),
  Buffer.from('.'),
  Buffer.from(''),
  Buffer.from('\r\n'),
  Buffer.from('line\r'),
  Buffer.concat([Buffer.from('long '), Buffer.alloc(200_000, 0x61), Buffer.from('\r\n.\r\n')]),
];

test('stuffing then reading gives the message back, whatever the chunking', () => {
  let seed = 7;
  const random = (max: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return 1 + (seed % max);
  };
  for (const message of awkward) {
    for (const sizes of [() => 1, () => 2, random(7), () => 1 << 20]) {
      const wire = stuff(message, sizes);
      assert.ok(wire.subarray(-5).equals(Buffer.from('\r\n.\r\n')) || wire.equals(Buffer.from('.\r\n')) || wire.subarray(-3).equals(Buffer.from('.\r\n')));
      const { body, after } = readBack(wire, sizes);
      const endsWithNewline = message.length === 0 || message[message.length - 1] === 0x0a;
      const expected = endsWithNewline ? message : Buffer.concat([message, Buffer.from('\r\n')]);
      assert.ok(body.equals(expected), `round trip of ${JSON.stringify(message.subarray(0, 40).toString('latin1'))}`);
      assert.equal(after, 'next');
    }
  }
});

test('the stuffer adds exactly the dots RFC 1939 asks for', () => {
  assert.equal(stuff(Buffer.from('.a\r\nb\r\n..\r\n'), () => 100).toString(), '..a\r\nb\r\n...\r\n.\r\n');
  assert.equal(stuff(Buffer.from('no newline'), () => 3).toString(), 'no newline\r\n.\r\n');
});

test('createDotStuffer streams', async () => {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from([Buffer.from('a\r\n'), Buffer.from('.b')]).pipe(createDotStuffer())) out.push(chunk);
  assert.equal(Buffer.concat(out).toString(), 'a\r\n..b\r\n.\r\n');
});

test('status lines: codes, continuations, garbage', () => {
  assert.deepEqual(parseStatusLine('-ERR [AUTH] Authentication failed.'), {
    kind: 'status', status: 'err', code: 'AUTH', text: 'Authentication failed.',
  });
  assert.deepEqual(parseStatusLine('+OK'), { kind: 'status', status: 'ok', code: null, text: '' });
  assert.deepEqual(parseStatusLine('-ERR [SYS/TEMP] try later'), { kind: 'status', status: 'err', code: 'SYS/TEMP', text: 'try later' });
  assert.deepEqual(parseStatusLine('+ '), { kind: 'status', status: 'continue', code: null, text: '' });
  assert.throws(() => parseStatusLine('* OK imap?'), Pop3ProtocolError);
});

test('TOP filter: header, blank line, n body lines', () => {
  const message = Buffer.from('A: 1\r\nB: 2\r\n\r\nl1\r\nl2\nl3\r\n');
  const top = (n: number, size: number) => {
    const filter = new TopFilter(n);
    const out: Buffer[] = [];
    for (let i = 0; i < message.length && !filter.done; i += size) out.push(filter.filter(message.subarray(i, i + size)));
    return Buffer.concat(out).toString();
  };
  for (const size of [1, 3, 100]) {
    assert.equal(top(0, size), 'A: 1\r\nB: 2\r\n\r\n');
    assert.equal(top(2, size), 'A: 1\r\nB: 2\r\n\r\nl1\r\nl2\n');
    assert.equal(top(10, size), message.toString());
  }
});
