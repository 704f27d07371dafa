// Logging in (RFC 3501 §6.2): LOGINDISABLED on cleartext unless allowed, STARTTLS, AUTHENTICATE PLAIN and LOGIN
// with and without SASL-IR, failed logins delayed and throttled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startImapFixture, PASSWORD } from './fixture.ts';
import { RawSession } from './raw-session.ts';

const USER = 'auth@example.org';
const b64 = (text: string) => Buffer.from(text).toString('base64');

test('plaintext refused: LOGINDISABLED until STARTTLS; implicit TLS allows it', async () => {
  const fixture = await startImapFixture({ allowPlaintext: 'never' });
  try {
    await fixture.addAccount(USER);
    const s = await RawSession.open(fixture.port);
    assert.match(s.greeting, /LOGINDISABLED/);
    assert.doesNotMatch(s.greeting, /AUTH=PLAIN/);
    assert.match(s.greeting, /STARTTLS/);
    assert.match((await s.command(`LOGIN ${USER} "${PASSWORD}"`)).tagged, /^NO \[PRIVACYREQUIRED\]/);
    assert.match((await s.command(`AUTHENTICATE PLAIN ${b64(`\0${USER}\0${PASSWORD}`)}`)).tagged, /^NO \[PRIVACYREQUIRED\]/);
    assert.match((await s.command('STARTTLS')).tagged, /^OK/);
    await s.upgrade();
    const caps = (await s.command('CAPABILITY')).untagged[0]!;
    assert.match(caps, /AUTH=PLAIN/);
    assert.doesNotMatch(caps, /STARTTLS|LOGINDISABLED/);
    assert.match((await s.command(`LOGIN ${USER} "${PASSWORD}"`)).tagged, /^OK \[CAPABILITY /);
    s.close();
    const t = await RawSession.open(fixture.tlsPort, { tls: true });
    assert.doesNotMatch(t.greeting, /LOGINDISABLED/);
    assert.match((await t.command(`LOGIN ${USER} "${PASSWORD}"`)).tagged, /^OK/);
    t.close();
  } finally {
    await fixture.cleanup();
  }
});

test('AUTHENTICATE PLAIN and LOGIN through continuations; "*" cancels', async () => {
  const fixture = await startImapFixture();
  try {
    await fixture.addAccount(USER);
    const a = await RawSession.open(fixture.port);
    a.write('a1 AUTHENTICATE PLAIN\r\n');
    assert.equal(await a.readResponse(), '+ ');
    a.write(`${b64(`\0${USER}\0${PASSWORD}`)}\r\n`);
    assert.match(await a.readResponse(), /^a1 OK/);
    a.close();

    const b = await RawSession.open(fixture.port);
    b.write('b1 AUTHENTICATE LOGIN\r\n');
    assert.equal(await b.readResponse(), `+ ${b64('Username:')}`);
    b.write(`${b64(USER)}\r\n`);
    assert.equal(await b.readResponse(), `+ ${b64('Password:')}`);
    b.write(`${b64(PASSWORD)}\r\n`);
    assert.match(await b.readResponse(), /^b1 OK/);
    b.close();

    const c = await RawSession.open(fixture.port);
    c.write('c1 AUTHENTICATE PLAIN\r\n');
    await c.readResponse();
    c.write('*\r\n');
    assert.match(await c.readResponse(), /^c1 BAD/);
    c.write('c2 AUTHENTICATE PLAIN\r\n');
    await c.readResponse();
    c.write('not base64!\r\n');
    assert.match(await c.readResponse(), /^c2 BAD/);
    assert.match((await c.command('AUTHENTICATE CRAM-MD5')).tagged, /^NO/);
    assert.match((await c.command('NOOP')).tagged, /^OK/);
    c.close();
  } finally {
    await fixture.cleanup();
  }
});

test('failed logins are delayed, then refused for the account without checking', async () => {
  const fixture = await startImapFixture({ failedLoginDelayMs: 200, maxFailedLoginsPerAccount: 2 });
  try {
    await fixture.addAccount(USER);
    const s = await RawSession.open(fixture.port);
    const started = Date.now();
    assert.match((await s.command(`LOGIN ${USER} wrong`)).tagged, /^NO \[AUTHENTICATIONFAILED\]/);
    assert.ok(Date.now() - started >= 180, 'the failure was delayed');
    assert.match((await s.command(`LOGIN ${USER} wrong`)).tagged, /^NO \[AUTHENTICATIONFAILED\]/);
    assert.match((await s.command(`LOGIN ${USER} "${PASSWORD}"`)).tagged, /^NO \[UNAVAILABLE\]/, 'throttled even with the right password');
    assert.match((await s.command('LOGIN nobody@example.org x')).tagged, /^NO \[AUTHENTICATIONFAILED\]/);
    assert.match((await s.command('SELECT INBOX')).tagged, /^BAD/);
    s.close();
  } finally {
    await fixture.cleanup();
  }
});
