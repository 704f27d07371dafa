// The POP3 client against a private Dovecot: byte-exact RETR (sha256 of what Dovecot holds), UIDL, TOP, DELE,
// every login mechanism, TLS both ways, clear errors, and a pipelined RETR of 500 messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createServer, connect, type Server } from 'node:net';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.ts';
import { Pop3Client, type Pop3ConnectOptions } from '../../src/pop3/client/client.ts';
import { Pop3Error } from '../../src/pop3/client/errors.ts';
import { createLogger } from '../../src/log/logger.ts';

const PASSWORD = 'Sup3r secret!';
let dovecot: DovecotInstance;

/** Awkward messages as Dovecot would store them; the key orders them (maildir sorts by file name). */
const awkward: Array<[string, Buffer]> = [
  ['dots', Buffer.from('Subject: dots\r\n\r\n.\r\n..\r\n...three\r\n.\r\nx\r\n. \r\n')],
  ['eightbit', Buffer.concat([Buffer.from('Subject: 8bit \xe9\xff\r\n\r\n', 'latin1'), Buffer.from([0x00, 0x01, 0xff, 0x80, 0x0d, 0x0a, 0x2e, 0x00, 0x0d, 0x0a])])],
  ['long', Buffer.concat([Buffer.from('Subject: long\r\n\r\n'), Buffer.alloc(150_000, 0x41), Buffer.from('\r\n.'), Buffer.alloc(70_000, 0x2e), Buffer.from('\r\n')])],
  ['nofinal', Buffer.from('Subject: no final newline\r\n\r\nlast line')],
  ['lonecr', Buffer.from('Subject: cr\r\n\r\na\rb\r\n.\r\r\n')],
  ['empty-body', Buffer.from('Subject: empty\r\n\r\n')],
  ['bare-lf', Buffer.from('Subject: bare\n\nline\n.dot\n..two\nend')],
];

/** What Dovecot sends for a stored file: bare LF becomes CRLF (checked by hand: RETR and LIST both count it so). */
function asDovecotSends(file: Buffer): Buffer {
  return Buffer.from(file.toString('latin1').replace(/(?<!\r)\n/g, '\r\n'), 'latin1');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function deliver(user: string, name: string, bytes: Buffer): void {
  const root = dovecot.mailDir(user);
  const owner = statSync(join(dovecot.dir, 'mail'));
  for (const dir of [root, join(root, 'cur'), join(root, 'new'), join(root, 'tmp')]) {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, owner.uid, owner.gid);
  }
  const file = join(root, 'cur', `${name}:2,`);
  writeFileSync(file, bytes);
  chownSync(file, owner.uid, owner.gid);
}

async function read(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts);
}

const options = (extra: Partial<Pop3ConnectOptions> = {}): Pop3ConnectOptions => ({
  host: '127.0.0.1', port: dovecot.pop3Port, tls: 'none', timeoutMs: 10_000, ...extra,
});

before(async () => {
  dovecot = await startDovecot({
    users: [{ user: 'alice', password: PASSWORD }, { user: 'bob', password: PASSWORD }, { user: 'carol', password: PASSWORD }, { user: 'dave', password: PASSWORD }],
    tls: true,
    extraConfig: 'auth_mechanisms = plain login cram-md5 apop\nauth_failure_delay = 0\n',
  });
  awkward.forEach(([name, bytes], i) => deliver('alice', `${1000 + i}.M${i}P1.test`, bytes));
  for (let i = 0; i < 500; i++) {
    const body = `Subject: bulk ${i}\r\n\r\n${'.line\r\n'.repeat(i % 7)}${'x'.repeat(i * 13)}\r\n`;
    deliver('bob', `${2000 + i}.M${i}P1.test`, Buffer.from(body));
  }
  for (let i = 0; i < 3; i++) deliver('carol', `${3000 + i}.M${i}P1.test`, Buffer.from(`Subject: del ${i}\r\n\r\nbody ${i}\r\n`));
});

after(async () => {
  await dovecot?.stop();
});

test('RETR is byte-exact: sha256 equals the bytes Dovecot holds, for every awkward message', async () => {
  const client = await Pop3Client.connect(options());
  try {
    await client.login('alice', PASSWORD);
    assert.equal((await client.stat()).count, awkward.length);
    const listing = await client.list();
    for (const { message } of listing) {
      const received = await read(client.retr(message));
      const [name, stored] = awkward[message - 1];
      assert.equal(sha256(received), sha256(asDovecotSends(stored)), `message ${name}`);
    }
    // TOP: the header and the blank line only
    const top = await read(client.top(1, 0));
    assert.equal(top.toString(), 'Subject: dots\r\n\r\n');
    await client.quit();
  } finally {
    client.close();
  }
});

test('UIDL is stable across sessions; DELE applies at QUIT only, not when the session just drops', async () => {
  const first = await Pop3Client.connect(options());
  await first.login('carol', PASSWORD, { mechanism: 'plain' });
  const uids = await first.uidl();
  assert.equal(uids.length, 3);
  assert.deepEqual(await first.uidlOne(2), uids[1]);
  await first.dele(1);
  first.close(); // no QUIT: nothing deleted

  const second = await Pop3Client.connect(options());
  await second.login('carol', PASSWORD, { mechanism: 'login' });
  assert.deepEqual(await second.uidl(), uids);
  await second.dele(1);
  await second.rset();
  await second.dele(2);
  await assert.rejects(read(second.retr(2)), (e: unknown) => e instanceof Pop3Error && e.kind === 'server');
  await second.quit();

  const third = await Pop3Client.connect(options());
  await third.login('carol', PASSWORD, { mechanism: 'cram-md5' });
  assert.deepEqual((await third.uidl()).map((u) => u.uid), [uids[0].uid, uids[2].uid]);
  await third.quit();
  assert.equal(readdirSync(join(dovecot.mailDir('carol'), 'cur')).length, 2);
});

test('APOP, implicit TLS and STLS log in', async () => {
  const apop = await Pop3Client.connect(options());
  await apop.login('dave', PASSWORD, { mechanism: 'apop' });
  await apop.quit();
  const ca = readFileSync(join(dovecot.dir, 'cert.pem'));
  const implicit = await Pop3Client.connect(options({ port: dovecot.pop3sPort!, tls: 'implicit', ca, servername: 'localhost' }));
  assert.ok(implicit.secure);
  await implicit.login('dave', PASSWORD, { mechanism: 'plain' });
  await implicit.quit();
  const stls = await Pop3Client.connect(options({ tls: 'starttls', ca, servername: 'localhost' }));
  assert.ok(stls.secure);
  await stls.login('dave', PASSWORD);
  await stls.quit();
  // an unknown self-signed certificate is refused unless asked otherwise
  await assert.rejects(Pop3Client.connect(options({ port: dovecot.pop3sPort!, tls: 'implicit' })), (e: unknown) => e instanceof Pop3Error && e.kind === 'tls');
});

test('wrong password: a clear error naming host and user, never the password; the trace masks it too', async () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'all', destination: new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }) });
  const wrong = 'not-the-Password-42';
  for (const mechanism of ['user', 'plain', 'login'] as const) {
    const client = await Pop3Client.connect(options({ logger }));
    try {
      await assert.rejects(client.login('alice', wrong, { mechanism }), (e: unknown) => {
        assert.ok(e instanceof Pop3Error);
        assert.equal(e.kind, 'auth');
        assert.equal(e.temporary, false);
        assert.match(e.message, /127\.0\.0\.1/);
        assert.match(e.message, /alice/);
        assert.ok(!e.message.includes(wrong));
        return true;
      });
    } finally {
      client.close();
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  const trace = lines.join('');
  assert.match(trace, /C: PASS \*\*\*/);
  assert.match(trace, /C: AUTH PLAIN \*\*\*/);
  assert.ok(!trace.includes(wrong) && !trace.includes(Buffer.from(wrong).toString('base64')), 'password in the trace');
});

test('unreachable port: a clear error naming host:port', async () => {
  await assert.rejects(Pop3Client.connect(options({ port: 1 })), (e: unknown) => {
    assert.ok(e instanceof Pop3Error);
    assert.equal(e.kind, 'connect');
    assert.equal(e.temporary, true);
    assert.match(e.message, /127\.0\.0\.1:1\b/);
    return true;
  });
});

/** A TCP relay to Dovecot that delays every chunk by `delayMs` each way: a network with a round trip to pay. */
async function latencyRelay(targetPort: number, delayMs: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<{ destroy(): void }>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    sockets.add(inbound);
    sockets.add(outbound);
    const forward = (from: typeof inbound, to: typeof inbound) => {
      from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), delayMs));
      from.on('close', () => setTimeout(() => to.destroy(), delayMs));
      from.on('error', () => to.destroy());
    };
    forward(inbound, outbound);
    forward(outbound, inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((resolve) => { server.close(() => resolve()); for (const s of sockets) s.destroy(); }),
  };
}

test('pipelined RETR of 500 messages: byte-exact, and over a 10 ms round trip far faster than one at a time', async () => {
  const relay = await latencyRelay(dovecot.pop3Port, 5);
  const client = await Pop3Client.connect(options({ port: relay.port }));
  try {
    await client.login('bob', PASSWORD);
    assert.ok(client.capabilitiesKnown.pipelining);
    const listing = await client.list();
    assert.equal(listing.length, 500);
    const stored = readdirSync(join(dovecot.mailDir('bob'), 'cur')).sort().map((f) => sha256(readFileSync(join(dovecot.mailDir('bob'), 'cur', f))));
    const timed = async (numbers: number[], window: number) => {
      const started = process.hrtime.bigint();
      let bytes = 0;
      for await (const body of client.retrieve(numbers, { window })) {
        const received = await read(body);
        bytes += received.length;
        assert.equal(sha256(received), stored[body.message - 1], `message ${body.message}`);
      }
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, bytes };
    };
    const sequential = await timed(listing.slice(0, 40).map((l) => l.message), 1);
    const pipelined = await timed(listing.map((l) => l.message), 32);
    const perMessage = { sequential: sequential.ms / 40, pipelined: pipelined.ms / 500 };
    console.log(`# RETR over a 10 ms round trip: one at a time ${perMessage.sequential.toFixed(1)} ms/msg, ` +
      `pipelined (window 32) ${perMessage.pipelined.toFixed(2)} ms/msg; 500 messages, ${pipelined.bytes} bytes in ${pipelined.ms.toFixed(0)} ms`);
    assert.ok(perMessage.sequential >= 10, 'one at a time pays a round trip per message');
    assert.ok(perMessage.pipelined * 4 < perMessage.sequential, 'pipelining hides the round trips');
    await client.quit();
  } finally {
    client.close();
    await relay.close();
  }
});
