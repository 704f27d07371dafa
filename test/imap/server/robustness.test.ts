// No input crashes the server: malformed commands get BAD (or NO [TOOBIG]) and a log line, the session goes on;
// pipelined commands are answered in order; limits (connections, idle time) end sessions with BYE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startImapFixture, message, PASSWORD } from './fixture.ts';
import { loggedIn, RawSession } from './raw-session.ts';

const USER = 'robust@example.org';

test('malformed input gets BAD and the session carries on', async () => {
  const fixture = await startImapFixture();
  try {
    await fixture.addAccount(USER);
    await fixture.deliver(USER, message(1));
    const s = await loggedIn(fixture.port, USER, PASSWORD);
    for (const bad of ['FOO', 'FETCH', 'SELECT', 'LIST "" "unterminated', 'UID NOOP', 'CAPABILITY extra', 'STORE 1 +FLAGS (\\Bogus)']) {
      assert.match((await s.command(bad)).tagged, /^BAD /, bad);
    }
    s.write('\r\n'); // an empty line is ignored
    s.write('* NOOP\r\n'); // no valid tag: untagged BAD
    assert.match(await s.readResponse(), /^\* BAD /);
    s.write(`long ${'x'.repeat(70_000)}\r\n`);
    assert.match(await s.readResponse(), /^long (BAD|NO) \[TOOBIG\]/);
    s.write('big APPEND INBOX {4000000000}\r\n');
    assert.match(await s.readResponse(), /^big NO \[TOOBIG\]/);
    await s.command('SELECT INBOX');
    assert.match((await s.command('FETCH 5 FLAGS')).tagged, /^BAD /, 'a sequence number past the end');
    assert.match((await s.command('FETCH 0:1 FLAGS')).tagged, /^BAD /);
    assert.match((await s.command('FETCH 1 BODY[1.MIME')).tagged, /^BAD /);
    for (let i = 0; i < 50; i++) s.write(Buffer.concat([Buffer.from(`r${i} `), randomBytes(40).map((b) => (b === 0x0a || b === 0x0d || b === 0x7b ? 0x41 : b)), Buffer.from('\r\n')]));
    for (let i = 0; i < 50; i++) assert.match(await s.readResponse(), /^(r\d+|\*) (BAD|NO) /);
    assert.match((await s.command('NOOP')).tagged, /^OK/);
    assert.ok(fixture.logLines().some((l) => l.msg === 'malformed IMAP command'));
    s.close();
  } finally {
    await fixture.cleanup();
  }
});

test('pipelined commands are answered in order; LITERAL+ needs no continuation', async () => {
  const fixture = await startImapFixture();
  try {
    await fixture.addAccount(USER);
    const s = await RawSession.open(fixture.port);
    const body = 'Subject: p\r\n\r\nbody\r\n';
    s.write(`a LOGIN ${USER} "${PASSWORD}"\r\nb SELECT INBOX\r\nc APPEND INBOX {${body.length}+}\r\n${body}\r\nd NOOP\r\ne FETCH 1 (UID)\r\nf LOGOUT\r\n`);
    const tags: string[] = [];
    for (;;) {
      const line = await s.readResponse();
      if (!line.startsWith('*')) tags.push(line.split(' ')[0]!);
      if (line.startsWith('f ')) break;
    }
    assert.deepEqual(tags, ['a', 'b', 'c', 'd', 'e', 'f']);
    s.close();
  } finally {
    await fixture.cleanup();
  }
});

test('idle timeout and connection limit end with BYE', async () => {
  const fixture = await startImapFixture({ idleTimeoutSeconds: 1, maxConnections: 2 });
  try {
    const a = await RawSession.open(fixture.port);
    const b = await RawSession.open(fixture.port);
    const refused = await RawSession.open(fixture.port);
    assert.match(refused.greeting, /^\* BYE /);
    refused.close();
    const started = Date.now();
    assert.match(await a.readResponse(3000), /^\* BYE /);
    assert.ok(Date.now() - started >= 700, 'the idle timeout waited');
    a.close();
    b.close();
  } finally {
    await fixture.cleanup();
  }
});

test('one major log line per session; the protocol trace masks LOGIN and AUTHENTICATE', async () => {
  const fixture = await startImapFixture();
  try {
    await fixture.addAccount(USER);
    const s = await loggedIn(fixture.port, USER, PASSWORD);
    await s.command('SELECT INBOX');
    await s.command('LOGOUT');
    const t = await RawSession.open(fixture.port);
    await t.command(`AUTHENTICATE PLAIN ${Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64')}`);
    await t.command('LOGOUT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = fixture.logLines();
    const sessions = lines.filter((l) => l.msg === 'IMAP session');
    assert.equal(sessions.length, 2);
    const first = sessions[0]!;
    assert.equal(first.user, USER);
    assert.equal(first.ip, '127.0.0.1');
    assert.equal(first.commands, 3);
    assert.ok(Number(first.bytesIn) > 0 && Number(first.bytesOut) > 0 && typeof first.durationMs === 'number');
    assert.equal(first.level, 30, 'major');
    const all = JSON.stringify(lines);
    assert.ok(!all.includes(PASSWORD), 'the password never reaches the log');
    assert.ok(!all.includes(Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64')));
    assert.ok(lines.some((l) => l.msg === 'C' && l.c === `t1 LOGIN ${USER} ***`));
  } finally {
    await fixture.cleanup();
  }
});

test('a server going down says BYE to its clients', async () => {
  const fixture = await startImapFixture();
  try {
    await fixture.addAccount(USER);
    const s = await loggedIn(fixture.port, USER, PASSWORD);
    await fixture.server.close();
    assert.match(await s.readResponse(), /^\* BYE Server shutting down/);
    s.close();
  } finally {
    await fixture.cleanup();
  }
});
