import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate } from '../../src/net/self-signed.ts';
import { loadServerTls, tlsSection, TlsConfigError } from '../../src/net/tls.ts';
import { startListener } from '../../src/net/listener.ts';
import { AuthThrottle } from '../../src/net/auth-throttle.ts';
import { isLoopbackAddress } from '../../src/net/addresses.ts';

test('self-signed certificate: parses, names localhost and 127.0.0.1, verifies its own signature', () => {
  const { certPem } = createSelfSignedCertificate({ commonName: 'mail.test', altNames: ['localhost', '127.0.0.1', '::1'] });
  const cert = new X509Certificate(certPem);
  assert.equal(cert.checkHost('mail.test'), 'mail.test');
  assert.equal(cert.checkHost('localhost'), 'localhost');
  assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(cert.checkIP('::1'), '::1');
  assert.ok(cert.verify(cert.publicKey));
  assert.ok(new Date(cert.validTo).getTime() > Date.now() + 365 * 24 * 3600 * 1000);
});

test('loadServerTls creates the certificate once and reuses it; refuses half a configuration', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mf-tls-'));
  try {
    const config = tlsSection.parse({});
    const first = await loadServerTls(config, dir);
    const second = await loadServerTls(config, dir);
    assert.equal(first.certPem, second.certPem);
    assert.ok(first.selfSigned);
    assert.equal(statSync(join(dir, 'tls', 'self-signed.key')).mode & 0o777, 0o600);
    await assert.rejects(loadServerTls(tlsSection.parse({ certFile: '/nonexistent.pem' }), dir), TlsConfigError);
    await assert.rejects(
      loadServerTls(tlsSection.parse({ certFile: '/nonexistent.pem', keyFile: '/nonexistent.key' }), dir),
      /cannot read \/nonexistent.pem/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function firstLine(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (chunk) => { data += chunk.toString(); if (data.includes('\n')) resolve(data.trim()); });
    socket.on('close', () => resolve(data.trim()));
  });
}

test('listener: implicit TLS, limits per server and per IP, close ends connections', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mf-tls-'));
  const tls = await loadServerTls(tlsSection.parse({}), dir);
  const plain = await startListener({
    name: 'test', host: '127.0.0.1', port: 0, maxConnections: 3, maxConnectionsPerIp: 2,
    onConnection: (socket, info) => socket.write(`hello ${info.loopback ? 'loopback' : 'remote'}\r\n`),
    refusal: (reason) => Buffer.from(`refused ${reason}\r\n`),
  });
  const secure = await startListener({
    name: 'test-tls', host: '127.0.0.1', port: 0, tls, maxConnections: 10, maxConnectionsPerIp: 10,
    onConnection: (socket, info) => socket.write(`secure ${info.secure}\r\n`),
    refusal: () => Buffer.from('no\r\n'),
  });
  const sockets: Socket[] = [];
  try {
    const open = () => { const s = netConnect(plain.port, '127.0.0.1'); sockets.push(s); return firstLine(s); };
    assert.equal(await open(), 'hello loopback');
    assert.equal(await open(), 'hello loopback');
    assert.equal(await open(), 'refused ip-busy');
    const tlsSocket = tlsConnect({ host: '127.0.0.1', port: secure.port, ca: tls.certPem, servername: 'localhost' });
    sockets.push(tlsSocket);
    assert.equal(await firstLine(tlsSocket), 'secure true');
    assert.equal(plain.connections, 2);
    const closed = sockets.slice(0, 2).map((s) => new Promise((resolve) => s.once('close', resolve)));
    await plain.close();
    await Promise.all(closed);
  } finally {
    for (const s of sockets) s.destroy();
    await plain.close();
    await secure.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('listener: new connections per IP per minute', async () => {
  const listener = await startListener({
    name: 'rate', host: '127.0.0.1', port: 0, maxConnections: 10, maxConnectionsPerIp: 10, connectionsPerIpPerMinute: 2,
    onConnection: (socket) => socket.end('welcome\r\n'),
    refusal: (reason) => Buffer.from(`refused ${reason}\r\n`),
  });
  try {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await firstLine(netConnect(listener.port, '127.0.0.1')));
    assert.deepEqual(answers, ['welcome', 'welcome', 'refused ip-rate']);
  } finally {
    await listener.close();
  }
});

test('auth throttle: delays grow, IP and account blocked past their limits, success clears the account', () => {
  const throttle = new AuthThrottle({ failureDelayMs: 100, maxFailureDelayMs: 350, windowMs: 60_000, maxFailuresPerIp: 5, maxFailuresPerAccount: 3 });
  assert.equal(throttle.failed('10.0.0.1', 'a@x'), 100);
  assert.equal(throttle.failed('10.0.0.1', 'a@x'), 200);
  assert.equal(throttle.blocked('10.0.0.2', 'A@x'), null);
  assert.equal(throttle.failed('10.0.0.2', 'a@x'), 350);
  assert.equal(throttle.blocked('10.0.0.3', 'a@x'), 'account');
  throttle.succeeded('a@x');
  assert.equal(throttle.blocked('10.0.0.3', 'a@x'), null);
  for (const user of ['b', 'c', 'd']) throttle.failed('10.0.0.1', user);
  assert.equal(throttle.blocked('10.0.0.1', 'e'), 'ip');
});

test('loopback addresses', () => {
  for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(a), a);
  for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', '?']) assert.ok(!isLoopbackAddress(a), a);
});
