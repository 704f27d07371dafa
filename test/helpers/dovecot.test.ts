import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startDovecot } from './dovecot.ts';
import { RawImap } from './raw-imap.ts';

test('a private Dovecot serves IMAP and POP3 on loopback and vanishes on stop()', async () => {
  const dovecot = await startDovecot({ users: [{ user: 'alice', password: 'pw-a' }, { user: 'bob', password: 'pw b' }] });
  try {
    // a message dropped into bob's maildir before any login is served over POP3
    writeFileSync(join(dovecot.mailDir('bob'), 'new', '1000000000.seeded.test'), 'Subject: seeded\r\n\r\nhi\r\n');
    const imap = await RawImap.connect(dovecot.imapPort);
    assert.match(imap.greeting, /^\* OK/);
    await imap.login('alice', 'pw-a');
    const message = Buffer.from('Subject: hello\r\nFrom: a@example.org\r\n\r\nbody line\r\n');
    const appended = await imap.append('INBOX', message);
    assert.equal(appended.status, 'OK');
    await imap.command('SELECT INBOX');
    const fetched = await imap.command('FETCH 1 (BODY.PEEK[])');
    assert.equal(fetched.status, 'OK');
    const raw = fetched.untagged[0];
    assert.ok(raw.includes(message), 'the literal holds the appended bytes');
    await imap.logout();

    const files = readdirSync(join(dovecot.mailDir('alice'), 'cur'));
    assert.equal(files.length, 1);

    const pop3 = await pop3Session(dovecot.pop3Port, ['USER bob', 'PASS pw b', 'UIDL', 'QUIT']);
    assert.match(pop3, /^\+OK/);
    assert.match(pop3, /\+OK Logged in/);
    assert.match(pop3, /\r\n1 [0-9a-fA-F]{16}\r\n\.\r\n/, 'UIDL lists the seeded message');

    const bad = await RawImap.connect(dovecot.imapPort);
    const reply = await bad.command('LOGIN alice wrong');
    assert.equal(reply.status, 'NO');
    await bad.logout();
  } finally {
    await dovecot.stop();
  }
  assert.equal(existsSync(dovecot.dir), false);
});

test('two instances run side by side on different ports', async () => {
  const [a, b] = await Promise.all([
    startDovecot({ users: [{ user: 'u', password: 'p' }] }),
    startDovecot({ users: [{ user: 'u', password: 'p' }], tls: true }),
  ]);
  try {
    assert.notEqual(a.imapPort, b.imapPort);
    assert.ok(b.imapsPort && b.pop3sPort);
    for (const port of [a.imapPort, b.imapPort]) {
      const imap = await RawImap.connect(port);
      await imap.login('u', 'p');
      await imap.logout();
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

/** Sends POP3 commands pipelined after the greeting (Dovecot announces PIPELINING) and returns all it says. */
function pop3Session(port: number, commands: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.once('data', () => socket.write(commands.map((c) => `${c}\r\n`).join('')));
    socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}
