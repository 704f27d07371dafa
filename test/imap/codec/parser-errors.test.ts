import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../../src/imap/codec/parser.ts';
import { ParseError } from '../../../src/imap/codec/parse-error.ts';
import { parseAppendProgress } from '../../../src/imap/codec/grammar/append.ts';
import { isIdleDone } from '../../../src/imap/codec/grammar/idle-done.ts';
import { parseSaslResponse } from '../../../src/imap/codec/grammar/sasl.ts';
import type { FramedCommand } from '../../../src/imap/codec/framed-command.ts';
import { frameAll, parseFails } from './helpers.ts';

test('errors name the problem and carry the tag', () => {
  const unknown = parseFails('a1 FROB x', /unknown command FROB at position 3/);
  assert.equal(unknown.tag, 'a1');
  assert.equal(parseFails('a1 UID FROB', /unknown command UID FROB/).tag, 'a1');
  assert.equal(parseFails('NOOP', /expected SP after tag/).tag, 'NOOP');
  assert.equal(parseFails('+x NOOP', /expected tag/).tag, null);
  parseFails('a1  NOOP', /expected command name/);
  parseFails('a1 NOOP extra', /unexpected " extra" at position 7/);
  parseFails('a1 NOOP ', /unexpected " "/);
  parseFails('a1 LOGIN "unterminated', /quoted string not closed/);
  parseFails('a1 LOGIN "a\\b" c', /backslash in a quoted string/);
  parseFails('a1 LOGIN a {1+}\r\nb{1+}\r\nc', /unexpected literal/);
  parseFails('a1 LOGIN (a) b', /expected user name/);
});

test('streamed literals are only accepted as APPEND content', () => {
  const events = frameAll(`a1 APPEND {20+}\r\n${'x'.repeat(20)} {1+}\r\nm\r\n`, { streamThreshold: 10 });
  const command = events.find((e) => e.kind === 'command');
  assert.ok(command && command.kind === 'command');
  assert.throws(() => parseCommand(command.command), (e: unknown) => e instanceof ParseError && /literal too large for mailbox name/.test(e.message));
});

test('literal8 is only accepted as APPEND content', () => {
  parseFails('a LOGIN ~{1+}\r\na b', /literal8 not allowed/);
});

test('parseAppendProgress reads the head of an APPEND before its literal', () => {
  const reader = frameAll(`a9 APPEND "Sent" {3+}\r\none (\\Seen) " 7-Feb-1994 21:52:25 -0800" {20}\r\n`, { streamThreshold: 10 });
  const cont = reader.find((e) => e.kind === 'continue');
  assert.ok(cont && cont.kind === 'continue');
  const progress = parseAppendProgress(cont.head);
  assert.equal(progress.tag, 'a9');
  assert.equal(progress.mailbox.name, 'Sent');
  assert.equal(progress.messages.length, 1);
  assert.deepEqual(progress.next.flags, ['\\Seen']);
  assert.equal(progress.next.internalDate?.toISOString(), '1994-02-08T05:52:25.000Z');
  const bad: FramedCommand = { tag: 'a9', parts: [{ kind: 'text', data: Buffer.from('a9 APPEND Entwürfe ') }] };
  assert.throws(() => parseAppendProgress(bad), (e: unknown) => e instanceof ParseError && e.tag === 'a9');
});

test('IDLE DONE and SASL response lines', () => {
  assert.equal(isIdleDone(Buffer.from('done')), true);
  assert.equal(isIdleDone(Buffer.from('DONE ')), false);
  assert.equal(parseSaslResponse(Buffer.from('*')), 'cancel');
  assert.deepEqual(parseSaslResponse(Buffer.from('')), Buffer.alloc(0));
  assert.equal((parseSaslResponse(Buffer.from('dXNlcg==')) as Buffer).toString(), 'user');
  assert.throws(() => parseSaslResponse(Buffer.from('dXNlcg')), ParseError);
});
