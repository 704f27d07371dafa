import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../src/pop3/codec/command-parser.ts';
import { CommandLineReader } from '../../src/pop3/codec/line-reader.ts';
import { Pop3ProtocolError } from '../../src/pop3/codec/errors.ts';
import { decodePlain, decodeSaslResponse, encodePlain } from '../../src/pop3/codec/sasl.ts';

test('parses every RFC 1939 / 2449 / 2595 / 5034 command', () => {
  assert.deepEqual(parseCommand('user alice@example.org'), { verb: 'USER', name: 'alice@example.org' });
  assert.deepEqual(parseCommand('PASS secret with spaces '), { verb: 'PASS', password: 'secret with spaces ' });
  assert.deepEqual(parseCommand('APOP mrose C4C9334BAC560ECC979E58001B3E22FB'), {
    verb: 'APOP', name: 'mrose', digest: 'c4c9334bac560ecc979e58001b3e22fb',
  });
  assert.deepEqual(parseCommand('AUTH'), { verb: 'AUTH', mechanism: null, initialResponse: null });
  assert.deepEqual(parseCommand('AUTH plain'), { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: null });
  assert.deepEqual(parseCommand('AUTH PLAIN AGFsaWNlAHNlY3JldA=='), {
    verb: 'AUTH', mechanism: 'PLAIN', initialResponse: 'AGFsaWNlAHNlY3JldA==',
  });
  for (const verb of ['CAPA', 'STLS', 'STAT', 'NOOP', 'RSET', 'QUIT'] as const) {
    assert.deepEqual(parseCommand(verb.toLowerCase()), { verb });
  }
  assert.deepEqual(parseCommand('LIST'), { verb: 'LIST', message: null });
  assert.deepEqual(parseCommand('LIST 2'), { verb: 'LIST', message: 2 });
  assert.deepEqual(parseCommand('UIDL 17'), { verb: 'UIDL', message: 17 });
  assert.deepEqual(parseCommand('RETR 1'), { verb: 'RETR', message: 1 });
  assert.deepEqual(parseCommand('DELE 3'), { verb: 'DELE', message: 3 });
  assert.deepEqual(parseCommand('TOP 1 0'), { verb: 'TOP', message: 1, lines: 0 });
  assert.deepEqual(parseCommand(Buffer.from('top 4 10')), { verb: 'TOP', message: 4, lines: 10 });
});

test('refuses malformed commands with the codec error', () => {
  const bad: Array<[string, string]> = [
    ['', 'unknown-command'], ['XYZZY', 'unknown-command'], ['RETR', 'syntax'], ['RETR 0', 'syntax'],
    ['RETR -1', 'syntax'], ['RETR 1 2', 'syntax'], ['RETR x', 'syntax'], ['TOP 1', 'syntax'], ['TOP 1 -2', 'syntax'],
    ['LIST 1 2', 'syntax'], ['USER', 'syntax'], ['PASS', 'syntax'], ['APOP a b', 'syntax'], ['STAT 1', 'syntax'],
    ['DELE 99999999999', 'syntax'], ['AUTH PL@IN', 'syntax'], [`USER ${'a'.repeat(41)}`, 'syntax'],
  ];
  for (const [line, kind] of bad) {
    assert.throws(() => parseCommand(line), (e: unknown) => e instanceof Pop3ProtocolError && e.kind === kind, line);
  }
});

test('line reader: CRLF and bare LF, split anywhere, too-long lines reported once and recovered', () => {
  const reader = new CommandLineReader();
  reader.push(Buffer.from('NOOP\r'));
  assert.equal(reader.next(), undefined);
  reader.push(Buffer.from('\nSTAT\nLI'));
  assert.deepEqual(reader.next(), { kind: 'line', line: Buffer.from('NOOP') });
  assert.deepEqual(reader.next(), { kind: 'line', line: Buffer.from('STAT') });
  assert.equal(reader.next(), undefined);
  reader.push(Buffer.from(`ST ${'9'.repeat(300)}`));
  assert.equal(reader.next(), undefined);
  assert.ok(reader.pendingBytes < 256, 'an over-long line is not buffered');
  reader.push(Buffer.from('9'.repeat(300)));
  assert.equal(reader.next(), undefined);
  reader.push(Buffer.from('\r\nQUIT\r\n'));
  assert.deepEqual(reader.next(), { kind: 'too-long' });
  assert.deepEqual(reader.next(), { kind: 'line', line: Buffer.from('QUIT') });
  // exactly 255 octets with CRLF is allowed, 256 is not (RFC 2449 §4)
  reader.push(Buffer.from(`${'A'.repeat(253)}\r\n${'B'.repeat(254)}\r\n`));
  assert.equal((reader.next() as { line: Buffer }).line.length, 253);
  assert.deepEqual(reader.next(), { kind: 'too-long' });
});

test('SASL PLAIN and base64 responses', () => {
  assert.deepEqual(decodePlain(encodePlain('alice', 'pa ss')), { authzid: '', user: 'alice', password: 'pa ss' });
  assert.throws(() => decodePlain(Buffer.from('alice')), Pop3ProtocolError);
  assert.throws(() => decodePlain(Buffer.from('\0alice\0')), Pop3ProtocolError);
  assert.deepEqual(decodeSaslResponse('*'), { cancel: true });
  assert.deepEqual(decodeSaslResponse('='), { cancel: false, data: Buffer.alloc(0) });
  assert.throws(() => decodeSaslResponse('not base64!'), Pop3ProtocolError);
});
