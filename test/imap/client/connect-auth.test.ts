import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ImapClient } from '../../../src/imap/client/client.ts';
import { ImapClientError } from '../../../src/imap/client/errors.ts';
import { PASSWORD, USER, startFixture, type ClientFixture } from './fixture.ts';

let fixture: ClientFixture;
// Dovecot delays repeated failures from one address (auth penalty): each failing login gets its own source IP
let nextAddress = 20;
const freshAddress = () => `127.0.0.${nextAddress++}`;

before(async () => {
  fixture = await startFixture({ oauth: true, tls: true });
});
after(async () => {
  await fixture?.stop();
});

function traceInto(lines: string[]) {
  return (direction: 'client' | 'server', text: string) => lines.push(`${direction} ${text}`);
}

test('logs in with AUTHENTICATE PLAIN and with LOGIN, password with quotes, backslash and 8-bit', async () => {
  for (const method of ['plain', 'login', 'auto'] as const) {
    const trace: string[] = [];
    const client = await fixture.connect({ auth: { method, user: USER, password: PASSWORD }, trace: traceInto(trace) });
    assert.ok(client.capabilities.has('IMAP4REV1'));
    assert.ok(client.capabilities.has('MOVE'), 'post-login capabilities are known');
    await client.noop();
    await client.logout();
    assert.ok(trace.some((line) => line.includes(method === 'login' ? 'LOGIN ***' : 'AUTHENTICATE PLAIN ***')), trace.join('\n'));
    assert.ok(!trace.join('\n').includes('wörd'), 'no password in the trace');
  }
});

test('a wrong password gives one clear error without the password', async () => {
  const trace: string[] = [];
  const wrong = 'Secret-Wrong-Pa55';
  await assert.rejects(
    fixture.connect({ auth: { user: USER, password: wrong }, localAddress: freshAddress(), trace: traceInto(trace) }),
    (err: unknown) => {
      assert.ok(err instanceof ImapClientError);
      assert.equal(err.kind, 'auth');
      assert.equal(err.temporary, false);
      assert.equal(err.command, 'AUTHENTICATE');
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${fixture.dovecot.imapPort}`));
      assert.match(err.message, /AUTHENTICATIONFAILED/);
      assert.ok(!err.message.includes(wrong) && !JSON.stringify(err).includes(wrong));
      return true;
    },
  );
  assert.ok(!trace.join('\n').includes(wrong));
});

test('an unreachable port is a temporary connect error naming host and port', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  await assert.rejects(ImapClient.connect({ host: '127.0.0.1', port, security: 'none' }), (err: unknown) => {
    assert.ok(err instanceof ImapClientError);
    assert.equal(err.kind, 'connect');
    assert.equal(err.temporary, true);
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    return true;
  });
});

test('credentials are refused over plain TCP unless explicitly allowed', async () => {
  await assert.rejects(fixture.connect({ allowPlaintextAuth: false }), /refusing to send credentials over an unencrypted connection/);
});

test('implicit TLS and STARTTLS verify the certificate', async () => {
  const ca = readFileSync(join(fixture.dovecot.dir, 'cert.pem'));
  await assert.rejects(
    ImapClient.connect({ host: '127.0.0.1', port: fixture.dovecot.imapsPort!, security: 'tls' }),
    (err: unknown) => err instanceof ImapClientError && err.kind === 'connect' && !err.temporary && /self.signed/i.test(err.message),
  );
  const tls = await ImapClient.connect({
    host: '127.0.0.1', port: fixture.dovecot.imapsPort!, security: 'tls', ca, servername: 'localhost', auth: { user: USER, password: PASSWORD },
  });
  assert.equal(tls.encrypted, true);
  await tls.list();
  await tls.logout();
  const starttls = await ImapClient.connect({
    host: '127.0.0.1', port: fixture.dovecot.imapPort, security: 'starttls', ca, servername: 'localhost', auth: { user: USER, password: PASSWORD },
  });
  assert.equal(starttls.encrypted, true);
  assert.ok(!starttls.capabilities.has('STARTTLS'), 'capabilities were asked again after TLS');
  await starttls.logout();
});

test('XOAUTH2 and OAUTHBEARER: a valid token logs in, an expired one is reported as token-expired', async () => {
  for (const method of ['xoauth2', 'oauthbearer'] as const) {
    const trace: string[] = [];
    const token = fixture.token(600);
    const client = await fixture.connect({ auth: { method, user: USER, accessToken: token }, trace: traceInto(trace) });
    await client.logout();
    const expired = fixture.token(-600);
    await assert.rejects(
      fixture.connect({ auth: { method, user: USER, accessToken: expired }, localAddress: freshAddress(), trace: traceInto(trace) }),
      (err: unknown) => err instanceof ImapClientError && err.kind === 'token-expired' && !err.temporary && !err.message.includes(expired),
    );
    const all = trace.join('\n');
    assert.ok(!all.includes(token) && !all.includes(expired) && !all.includes(Buffer.from(token).toString('base64').slice(0, 40)));
  }
});
