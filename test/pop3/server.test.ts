// The mailferry POP3 server with our own client and raw sockets: byte-exact RETR of stored bytes, UIDL across
// restarts, DELE at QUIT only, TLS and the plaintext policy, login throttling, limits, idle timeout, logging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { Pop3Client, type Pop3ConnectOptions } from '../../src/pop3/client/client.ts';
import { Pop3Error } from '../../src/pop3/client/errors.ts';
import { startPop3Fixture, PASSWORD, type Pop3Fixture } from './server-fixture.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const awkward: Buffer[] = [
  Buffer.from('Subject: dots\r\n\r\n.\r\n..\r\n...three\r\n.\r\nx\r\n. \r\n'),
  Buffer.concat([Buffer.from('Subject: 8bit \xe9\xff\r\n\r\n', 'latin1'), Buffer.from([0x00, 0x01, 0xff, 0x80, 0x0d, 0x0a, 0x2e, 0x00, 0x0d, 0x0a])]),
  Buffer.concat([Buffer.from('Subject: long\r\n\r\n'), Buffer.alloc(200_000, 0x41), Buffer.from('\r\n.'), Buffer.alloc(70_000, 0x2e), Buffer.from('\r\n')]),
  Buffer.from('Subject: no final newline\r\n\r\nlast line'),
  Buffer.from('Subject: cr\r\n\r\na\rb\r\n.\r\r\n.\r'),
  Buffer.from('Subject: bare\n\nline\n.dot\n..two\n.\nend\n'),
  Buffer.from('Subject: bare, no final\n\n.'),
  Buffer.from('Subject: ends with CRLF CRLF\r\n\r\nbody\r\n\r\n'),
];

async function read(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts);
}

const clientOptions = (fixture: Pop3Fixture, extra: Partial<Pop3ConnectOptions> = {}): Pop3ConnectOptions => ({
  host: '127.0.0.1', port: fixture.port, tls: 'none', timeoutMs: 10_000, ...extra,
});

async function loggedIn(fixture: Pop3Fixture, user: string, extra: Partial<Pop3ConnectOptions> = {}): Promise<Pop3Client> {
  const client = await Pop3Client.connect(clientOptions(fixture, extra));
  await client.login(user, PASSWORD);
  return client;
}

/** A raw conversation: sends lines, collects what comes back until `until` matches or the socket closes. */
class Raw {
  private data = '';
  closed = false;
  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => { this.data += chunk.toString('latin1'); });
    socket.on('close', () => { this.closed = true; });
  }
  static async open(port: number): Promise<Raw> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    const raw = new Raw(socket);
    await raw.until(/\r\n/);
    return raw;
  }
  send(text: string): void {
    this.socket.write(text);
  }
  async until(pattern: RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.data)) {
      if (this.closed || Date.now() > deadline) throw new Error(`no ${pattern} in ${JSON.stringify(this.data)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const text = this.data;
    this.data = '';
    return text;
  }
  async waitClosed(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.data;
  }
  destroy(): void {
    this.socket.destroy();
  }
}

test('RETR gives the stored bytes back exactly (sha256), single and pipelined; TOP; UIDL survives a restart', async () => {
  const fixture = await startPop3Fixture();
  try {
    await fixture.addAccount('alice@example.org');
    const stored = [];
    for (const message of awkward) stored.push(await fixture.deliver('alice@example.org', message));
    const client = await loggedIn(fixture, 'alice@example.org');
    assert.deepEqual(await client.stat(), { count: awkward.length, size: awkward.reduce((n, m) => n + m.length, 0) });
    const listing = await client.list();
    assert.deepEqual(listing.map((l) => l.size), awkward.map((m) => m.length));
    for (const [i, message] of awkward.entries()) {
      assert.equal(sha256(await read(client.retr(i + 1))), sha256(message), `message ${i + 1}`);
      assert.equal(sha256(message), stored[i].sha256);
    }
    let i = 0;
    for await (const body of client.retrieve(listing.map((l) => l.message), { window: 4 })) {
      assert.equal(sha256(await read(body)), sha256(awkward[i++]));
    }
    assert.equal((await read(client.top(1, 2))).toString(), 'Subject: dots\r\n\r\n.\r\n..\r\n');
    assert.equal((await read(client.top(6, 0))).toString(), 'Subject: bare\n\n');
    const uids = await client.uidl();
    await client.quit();

    await fixture.restart();
    const again = await loggedIn(fixture, 'alice@example.org');
    assert.deepEqual(await again.uidl(), uids);
    assert.ok(uids.every((u) => /^[\x21-\x7e]{1,70}$/.test(u.uid)));
    await again.quit();
  } finally {
    await fixture.cleanup();
  }
});

test('DELE applies at QUIT only; RSET unmarks; retrieved messages get \\Seen', async () => {
  const fixture = await startPop3Fixture();
  try {
    await fixture.addAccount('bob@example.org');
    for (let n = 1; n <= 4; n++) await fixture.deliver('bob@example.org', Buffer.from(`Subject: ${n}\r\n\r\nbody ${n}\r\n`));
    const dropped = await loggedIn(fixture, 'bob@example.org');
    await dropped.dele(1);
    dropped.close();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const client = await loggedIn(fixture, 'bob@example.org');
    assert.equal((await client.stat()).count, 4);
    await client.dele(1);
    await client.dele(2);
    await assert.rejects(client.dele(2), (e: unknown) => e instanceof Pop3Error && e.kind === 'server' && /deleted/.test(e.message));
    await assert.rejects(read(client.retr(1)), Pop3Error);
    await assert.rejects(read(client.retr(9)), /No message 9/);
    assert.equal((await client.stat()).count, 2);
    await client.rset();
    assert.equal((await client.stat()).count, 4);
    await client.dele(1);
    await read(client.retr(3));
    await client.quit();

    const account = (await fixture.temp.store.getAccount('bob@example.org'))!;
    const inbox = (await fixture.temp.store.getFolder(account.id, 'INBOX'))!;
    const left = await fixture.temp.store.listMessages(inbox.id);
    assert.deepEqual(left.map((m) => m.uid), [2, 3, 4]);
    assert.deepEqual(left.map((m) => m.flags.includes('\\Seen')), [false, true, false]);
  } finally {
    await fixture.cleanup();
  }
});

test('plaintext policy "never": USER and AUTH PLAIN refused in clear, offered after STLS; implicit TLS works', async () => {
  const fixture = await startPop3Fixture({ allowPlaintext: 'never' });
  try {
    await fixture.addAccount('carol@example.org');
    await fixture.deliver('carol@example.org', Buffer.from('Subject: x\r\n\r\ny\r\n'));
    const clear = await Pop3Client.connect(clientOptions(fixture));
    assert.ok(!clear.capabilitiesKnown.user && clear.capabilitiesKnown.sasl.length === 0 && clear.capabilitiesKnown.stls);
    await assert.rejects(clear.login('carol@example.org', PASSWORD), (e: unknown) => e instanceof Pop3Error && e.code === 'AUTH' && /Plaintext/.test(e.message));
    await assert.rejects(clear.login('carol@example.org', PASSWORD, { mechanism: 'plain' }), /Plaintext/);
    clear.close();

    const upgraded = await loggedIn(fixture, 'carol@example.org', { tls: 'starttls', ca: fixture.tls.certPem, servername: 'localhost' });
    assert.ok(upgraded.secure);
    assert.ok(!upgraded.capabilitiesKnown.stls);
    assert.equal((await upgraded.stat()).count, 1);
    await upgraded.quit();

    const implicit = await Pop3Client.connect(clientOptions(fixture, { port: fixture.tlsPort, tls: 'implicit', ca: fixture.tls.certPem, servername: 'localhost' }));
    assert.ok(implicit.capabilitiesKnown.user && !implicit.capabilitiesKnown.stls);
    await implicit.login('carol@example.org', PASSWORD, { mechanism: 'plain' });
    await implicit.quit();
  } finally {
    await fixture.cleanup();
  }
});

test('failed logins are delayed, then refused per account with a temporary error; the password never reaches the log', async () => {
  const fixture = await startPop3Fixture({ failedLoginDelayMs: 100, maxFailedLoginDelayMs: 300, maxFailedLoginsPerAccount: 3 });
  try {
    await fixture.addAccount('dave@example.org');
    const wrong = 'wrong-Password-77';
    const client = await Pop3Client.connect(clientOptions(fixture));
    const started = Date.now();
    for (let attempt = 0; attempt < 3; attempt++) {
      await assert.rejects(client.login('dave@example.org', wrong), (e: unknown) =>
        e instanceof Pop3Error && e.kind === 'auth' && !e.temporary && e.message.includes('dave@example.org') && !e.message.includes(wrong));
    }
    assert.ok(Date.now() - started >= 100 + 200 + 300 - 30, 'failures are answered after a growing delay');
    await assert.rejects(client.login('dave@example.org', PASSWORD), (e: unknown) => e instanceof Pop3Error && e.temporary && e.code === 'SYS/TEMP');
    client.close();
    // AUTH PLAIN through a "+ " continuation, for an account that is not blocked
    await fixture.addAccount('erin@example.org');
    const raw = await Raw.open(fixture.port);
    raw.send('AUTH PLAIN\r\n');
    assert.equal(await raw.until(/\r\n/), '+ \r\n');
    raw.send(`${Buffer.from(`\0erin@example.org\0${PASSWORD}`).toString('base64')}\r\n`);
    assert.match(await raw.until(/\r\n/), /^\+OK Logged in, 0 messages/);
    raw.send('QUIT\r\n');
    await raw.waitClosed();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const log = JSON.stringify(fixture.logLines());
    assert.ok(!log.includes(wrong) && !log.includes(PASSWORD), 'a password in the log');
    assert.match(log, /C: PASS \*\*\*/);
    const sessions = fixture.logLines().filter((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('pop3 session'));
    const erin = sessions.find((l) => l.user === 'erin@example.org')!;
    assert.equal(erin.result, 'quit');
    assert.equal(erin.commands, 2);
    assert.ok(typeof erin.bytesOut === 'number' && typeof erin.durationMs === 'number' && erin.ip === '127.0.0.1');
  } finally {
    await fixture.cleanup();
  }
});

test('protocol hygiene: long lines, unknown commands, wrong state, too many errors, pipelined input', async () => {
  const fixture = await startPop3Fixture();
  try {
    await fixture.addAccount('frank@example.org');
    await fixture.deliver('frank@example.org', Buffer.from('Subject: p\r\n\r\n.body\r\n'));
    const raw = await Raw.open(fixture.port);
    raw.send(`NOOP ${'x'.repeat(300)}\r\nSTAT\r\nXYZZY\r\n`);
    assert.match(await raw.until(/(-ERR.*\r\n){3}/), /^-ERR Line too long.*\r\n-ERR Log in first\r\n-ERR Unknown command\r\n$/);
    // pipelined: everything in one write, answered in order
    raw.send(`USER frank@example.org\r\nPASS ${PASSWORD}\r\nSTAT\r\nLIST\r\nRETR 1\r\nUIDL 1\r\nSTLS\r\nQUIT\r\n`);
    const answer = await raw.until(/Bye.*\r\n/);
    assert.match(answer, /^\+OK Send PASS\r\n\+OK Logged in, 1 messages \(\d+ octets\)\r\n\+OK 1 \d+\r\n\+OK 1 messages.*\r\n1 \d+\r\n\.\r\n\+OK \d+ octets\r\nSubject: p\r\n\r\n\.\.body\r\n\.\r\n\+OK 1 \d+\.1\r\n-ERR Not allowed after login\r\n\+OK Bye, 0 messages deleted\r\n$/);
    await raw.waitClosed();

    const noisy = await Raw.open(fixture.port);
    noisy.send('BAD\r\n'.repeat(25));
    const rest = await noisy.waitClosed();
    assert.ok(noisy.closed, 'closed after too many bad commands');
    assert.match(rest, /Too many bad commands/);
  } finally {
    await fixture.cleanup();
  }
});

test('limits: connections per IP refused with SYS/TEMP; idle connections closed', async () => {
  const fixture = await startPop3Fixture({ maxConnectionsPerIp: 2, idleTimeoutSeconds: 1 });
  const open: Raw[] = [];
  try {
    open.push(await Raw.open(fixture.port), await Raw.open(fixture.port));
    await assert.rejects(Pop3Client.connect(clientOptions(fixture)), (e: unknown) => e instanceof Pop3Error && e.temporary && e.code === 'SYS/TEMP');
    const idleText = await open[0].waitClosed(3000);
    assert.ok(open[0].closed, 'idle connection closed');
    assert.match(idleText, /-ERR Disconnected for inactivity/);
  } finally {
    for (const raw of open) raw.destroy();
    await fixture.cleanup();
  }
});

test('APOP when a secret source is configured', async () => {
  const secrets = new Map([['gina@example.org', 'apop-secret']]);
  const fixture = await startPop3Fixture({}, { secretFor: async (address) => secrets.get(address) });
  try {
    await fixture.addAccount('gina@example.org');
    const client = await Pop3Client.connect(clientOptions(fixture));
    assert.match(client.greeting, /<[0-9a-f]+\.\d+@pop3\.test>/);
    await assert.rejects(client.login('gina@example.org', 'wrong', { mechanism: 'apop' }), (e: unknown) => e instanceof Pop3Error && e.kind === 'auth');
    await client.login('gina@example.org', 'apop-secret', { mechanism: 'apop' });
    await client.quit();
  } finally {
    await fixture.cleanup();
  }
});
