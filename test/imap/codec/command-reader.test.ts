import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandReader } from '../../../src/imap/codec/command-reader.ts';
import type { ReaderEvent } from '../../../src/imap/codec/command-reader.ts';
import type { FramedCommand } from '../../../src/imap/codec/framed-command.ts';
import { frameAll } from './helpers.ts';

function texts(command: FramedCommand): string[] {
  return command.parts.map((p) => (p.kind === 'streamed' ? `<streamed ${p.size}>` : `${p.kind}:${p.data.toString('latin1')}`));
}

function commandsOf(events: ReaderEvent[]): FramedCommand[] {
  return events.flatMap((e) => (e.kind === 'command' ? [e.command] : []));
}

test('frames simple lines and ignores empty ones', () => {
  const events = frameAll('a1 NOOP\r\n\r\na2 CAPABILITY\r\na3 LOGOUT\n');
  assert.deepEqual(events.map((e) => e.kind), ['command', 'command', 'command']);
  const commands = commandsOf(events);
  assert.deepEqual(commands.map((c) => c.tag), ['a1', 'a2', 'a3']);
  assert.deepEqual(texts(commands[2]), ['text:a3 LOGOUT']);
});

test('a synchronising literal asks for a continuation, then the command completes', () => {
  const reader = new CommandReader();
  reader.push(Buffer.from('a1 LOGIN {5}\r\n'));
  const cont = reader.next();
  assert.ok(cont && cont.kind === 'continue');
  assert.equal(cont.size, 5);
  assert.equal(cont.head.tag, 'a1');
  assert.throws(() => reader.next(), /acceptLiteral/);
  reader.acceptLiteral();
  assert.equal(reader.next(), null);
  reader.push(Buffer.from('alice {3}\r\n'));
  const second = reader.next();
  assert.ok(second && second.kind === 'continue');
  reader.acceptLiteral();
  reader.push(Buffer.from('pw!\r\n'));
  const done = reader.next();
  assert.ok(done && done.kind === 'command');
  assert.deepEqual(texts(done.command), ['text:a1 LOGIN ', 'literal:alice', 'text: ', 'literal:pw!', 'text:']);
  assert.equal(reader.next(), null);
});

test('a rejected literal drops the command; the next line is a new command', () => {
  const reader = new CommandReader();
  reader.push(Buffer.from('a1 APPEND nosuch {100}\r\na2 NOOP\r\n'));
  const cont = reader.next();
  assert.ok(cont && cont.kind === 'continue');
  reader.rejectLiteral();
  const next = reader.next();
  assert.ok(next && next.kind === 'command');
  assert.equal(next.command.tag, 'a2');
});

test('LITERAL+ and literal8 need no continuation', () => {
  const events = frameAll('a1 LOGIN {5+}\r\nalice {2+}\r\npw\r\na2 APPEND INBOX ~{4+}\r\n\0\x01\r\n\r\n');
  assert.deepEqual(events.map((e) => e.kind), ['command', 'command']);
  const [login, append] = commandsOf(events);
  assert.deepEqual(texts(login), ['text:a1 LOGIN ', 'literal:alice', 'text: ', 'literal:pw', 'text:']);
  const literal = append.parts[1];
  assert.ok(literal.kind === 'literal' && literal.binary);
  assert.deepEqual([...literal.data], [0, 1, 13, 10]);
});

test('literals split across chunks at every byte position give the same commands', () => {
  const input = Buffer.from('a1 LOGIN {5+}\r\nal\r\ne {3}\r\npw!\r\na2 SELECT "INBOX"\r\na3 APPEND INBOX (\\Seen) {12+}\r\nSubject: x\r\n\r\n');
  const whole = commandsOf(frameAll(input)).map(texts);
  assert.equal(whole.length, 3);
  for (let split = 1; split < input.length; split++) {
    const events = frameAll([input.subarray(0, split), input.subarray(split)]);
    assert.deepEqual(commandsOf(events).map(texts), whole, `split at ${split}`);
  }
  // and one byte at a time
  const bytes = [...input].map((b) => Buffer.from([b]));
  assert.deepEqual(commandsOf(frameAll(bytes)).map(texts), whole);
});

test('an over-long line fails that command with TOOBIG and the reader recovers at the next line', () => {
  const long = 'x'.repeat(2000);
  const events = frameAll([`a1 SEARCH TEXT ${long.slice(0, 900)}`, `${long}\r\na2 NOOP\r\n`].map((s) => Buffer.from(s)), { maxLineLength: 1000 });
  assert.deepEqual(events.map((e) => e.kind), ['error', 'command']);
  const error = events[0];
  assert.ok(error.kind === 'error');
  assert.equal(error.tag, 'a1');
  assert.equal(error.error.code, 'TOOBIG');
  assert.match(error.error.message, /longer than 1000/);
  const command = events[1];
  assert.ok(command.kind === 'command' && command.command.tag === 'a2');
});

test('an over-long line that ends in {n+} also skips the literal that follows', () => {
  const events = frameAll(`a1 SEARCH ${'y'.repeat(3000)} {6+}\r\na2 BAD\r\n\r\na3 NOOP\r\n`, { maxLineLength: 1000 });
  assert.deepEqual(events.map((e) => e.kind), ['error', 'command']);
  const command = events[1];
  assert.ok(command.kind === 'command' && command.command.tag === 'a3');
});

test('literals above the limit: sync is refused at once, non-sync is skipped (RFC 7888 §4)', () => {
  const sync = frameAll('a1 LOGIN {5000}\r\na2 NOOP\r\n', { maxLiteralSize: 1000 });
  assert.deepEqual(sync.map((e) => e.kind), ['error', 'command']);
  assert.ok(sync[0].kind === 'error' && sync[0].error.code === 'TOOBIG' && sync[0].tag === 'a1');
  const nonSync = frameAll(`a1 LOGIN {5000+}\r\n${'z'.repeat(5000)} {2+}\r\npw\r\na2 NOOP\r\n`, { maxLiteralSize: 1000 });
  assert.deepEqual(nonSync.map((e) => e.kind), ['error', 'command']);
  assert.ok(nonSync[1].kind === 'command' && nonSync[1].command.tag === 'a2');
});

test('LITERAL- refuses non-synchronising literals over 4096 bytes', () => {
  const events = frameAll(`a1 APPEND INBOX {5000+}\r\n${'m'.repeat(5000)}\r\na2 APPEND INBOX {10+}\r\n0123456789\r\n`, { maxNonSyncLiteralSize: 4096 });
  assert.deepEqual(events.map((e) => e.kind), ['error', 'command']);
  assert.match(events[0].kind === 'error' ? events[0].error.message : '', /non-synchronizing literal larger than 4096/);
});

test('a command larger than maxCommandSize fails with TOOBIG', () => {
  const events = frameAll('a1 LOGIN {600+}\r\n' + 'a'.repeat(600) + ' {600+}\r\n' + 'b'.repeat(600) + '\r\na2 NOOP\r\n', { maxCommandSize: 1000 });
  assert.deepEqual(events.map((e) => e.kind), ['error', 'command']);
});

test('expectLine returns the next line raw (IDLE DONE, SASL responses)', () => {
  const reader = new CommandReader();
  reader.push(Buffer.from('a1 IDLE\r\nDONE {5}\r\na2 NOOP\r\n'));
  const idle = reader.next();
  assert.ok(idle && idle.kind === 'command');
  reader.expectLine();
  const line = reader.next();
  assert.ok(line && line.kind === 'line');
  assert.equal(line.line.toString(), 'DONE {5}');
  const next = reader.next();
  assert.ok(next && next.kind === 'command' && next.command.tag === 'a2');
});

test('an APPEND literal above the threshold is streamed in chunks, not buffered', () => {
  const reader = new CommandReader({ streamThreshold: 1000 });
  reader.push(Buffer.from('a1 APPEND INBOX (\\Seen) {3000}\r\n'));
  const cont = reader.next();
  assert.ok(cont && cont.kind === 'continue' && cont.size === 3000);
  reader.acceptLiteral();
  const start = reader.next();
  assert.ok(start && start.kind === 'literal-start');
  assert.equal(start.size, 3000);
  assert.equal(start.index, 0);
  assert.deepEqual(texts(start.head), ['text:a1 APPEND INBOX (\\Seen) ']);
  let received = 0;
  for (let i = 0; i < 3; i++) {
    reader.push(Buffer.alloc(1000, 0x61 + i));
    const chunk = reader.next();
    assert.ok(chunk && chunk.kind === 'literal-chunk');
    assert.equal(chunk.data[0], 0x61 + i);
    received += chunk.data.length;
  }
  assert.equal(received, 3000);
  reader.push(Buffer.from(' {10+}\r\n0123456789\r\n'));
  assert.equal(reader.next()?.kind, 'literal-end');
  const done = reader.next();
  assert.ok(done && done.kind === 'command');
  assert.deepEqual(texts(done.command), ['text:a1 APPEND INBOX (\\Seen) ', '<streamed 3000>', 'text: ', 'literal:0123456789', 'text:']);
});

test('a 200 MB APPEND streams through with flat memory', () => {
  const size = 200 * 1024 * 1024;
  const chunk = Buffer.alloc(256 * 1024, 0x78);
  const reader = new CommandReader();
  reader.push(Buffer.from(`a1 APPEND INBOX {${size}+}\r\n`));
  assert.equal(reader.next()?.kind, 'literal-start');
  const before = process.memoryUsage().rss;
  let received = 0;
  let ended = false;
  while (received < size) {
    reader.push(chunk.subarray(0, Math.min(chunk.length, size - received)));
    for (let e = reader.next(); e; e = reader.next()) {
      if (e.kind === 'literal-chunk') received += e.data.length;
      else if (e.kind === 'literal-end') ended = true;
      else assert.fail(`unexpected ${e.kind}`);
    }
  }
  assert.ok(ended, 'literal-end comes as soon as the last byte is in');
  reader.push(Buffer.from('\r\n'));
  assert.equal(reader.next()?.kind, 'command');
  assert.equal(received, size);
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown < 64 * 1024 * 1024, `RSS grew by ${grown} bytes`);
});

test('a literal-start for a second MULTIAPPEND message carries the first as streamed', () => {
  const events = frameAll(`a1 APPEND INBOX {20+}\r\n${'1'.repeat(20)} (\\Seen) {20+}\r\n${'2'.repeat(20)}\r\n`, { streamThreshold: 10 });
  assert.deepEqual(events.map((e) => e.kind), ['literal-start', 'literal-chunk', 'literal-end', 'literal-start', 'literal-chunk', 'literal-end', 'command']);
  const second = events[3];
  assert.ok(second.kind === 'literal-start' && second.index === 1);
  assert.deepEqual(texts(second.head), ['text:a1 APPEND INBOX ', '<streamed 20>', 'text: (\\Seen) ']);
});

test('commands other than APPEND never stream', () => {
  const events = frameAll(`a1 SEARCH TEXT {20+}\r\n${'q'.repeat(20)}\r\n`, { streamThreshold: 10 });
  assert.deepEqual(events.map((e) => e.kind), ['command']);
});

test('an invalid tag frames with tag null', () => {
  const [event] = frameAll('a+1 NOOP\r\n');
  assert.ok(event.kind === 'command');
  assert.equal(event.command.tag, null);
});
