// A real client against the mailferry POP3 server: Python's poplib (STLS with our self-signed certificate,
// CAPA, USER/PASS, APOP, STAT, LIST, UIDL, RETR, TOP, DELE, QUIT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startPop3Fixture, PASSWORD } from './server-fixture.ts';

const run = promisify(execFile);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// poplib returns lines without their CRLF and with dot-stuffing undone; CRLF messages are rebuilt exactly.
// (poplib refuses lines over 2048 octets itself, so the long-line cases live in server.test.ts.)
const SCRIPT = String.raw`
import hashlib, json, os, poplib, ssl
host, port = '127.0.0.1', int(os.environ['POP3_PORT'])
box = poplib.POP3(host, port, timeout=10)
caps = sorted(box.capa().keys())
box.stls(context=ssl.create_default_context(cadata=os.environ['POP3_CA']))
caps_after = sorted(box.capa().keys())
box.user(os.environ['POP3_USER'])
box.pass_(os.environ['POP3_PASS'])
count, size = box.stat()
listing = [l.decode() for l in box.list()[1]]
uidl = [l.decode() for l in box.uidl()[1]]
digests = []
for n in range(1, count + 1):
    resp, lines, octets = box.retr(n)
    digests.append(hashlib.sha256(b'\r\n'.join(lines) + b'\r\n').hexdigest())
top = [l.decode('latin1') for l in box.top(1, 1)[1]]
box.dele(1)
box.quit()
apop_ok = None
if os.environ.get('APOP_SECRET'):
    box = poplib.POP3(host, port, timeout=10)
    box.apop(os.environ['POP3_USER'], os.environ['APOP_SECRET'])
    apop_ok = box.stat()[0]
    box.quit()
print(json.dumps(dict(caps=caps, caps_after=caps_after, count=count, size=size, listing=listing, uidl=uidl,
                      digests=digests, top=top, apop=apop_ok)))
`;

test('Python poplib: STLS, login, listings, byte-exact RETR, TOP, DELE, APOP', async () => {
  const fixture = await startPop3Fixture({ allowPlaintext: 'never' }, { secretFor: async (a) => (a === 'py@example.org' ? 'apop-pw' : undefined) });
  try {
    await fixture.addAccount('py@example.org');
    const messages = [
      Buffer.from('Subject: poplib\r\nX: y\r\n\r\n.starts with a dot\r\n..two dots\r\n.\r\nend\r\n'),
      Buffer.concat([Buffer.from('Subject: 8bit\r\n\r\n'), Buffer.from([0xe9, 0x00, 0xff, 0x2e, 0x0d, 0x0a]), Buffer.alloc(1500, 0x42), Buffer.from('\r\n')]),
    ];
    for (const m of messages) await fixture.deliver('py@example.org', m);
    const { stdout } = await run('python3', ['-c', SCRIPT], {
      env: { ...process.env, POP3_PORT: String(fixture.port), POP3_CA: fixture.tls.certPem, POP3_USER: 'py@example.org', POP3_PASS: PASSWORD, APOP_SECRET: 'apop-pw' },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as {
      caps: string[]; caps_after: string[]; count: number; size: number; listing: string[]; uidl: string[]; digests: string[]; top: string[]; apop: number;
    };
    assert.ok(result.caps.includes('STLS') && !result.caps.includes('USER'), 'plaintext login not offered before TLS');
    assert.ok(result.caps_after.includes('USER') && !result.caps_after.includes('STLS'));
    assert.ok(['PIPELINING', 'UIDL', 'TOP', 'RESP-CODES', 'AUTH-RESP-CODE', 'SASL'].every((c) => result.caps_after.includes(c)));
    assert.equal(result.count, 2);
    assert.equal(result.size, messages[0].length + messages[1].length);
    assert.deepEqual(result.listing, [`1 ${messages[0].length}`, `2 ${messages[1].length}`]);
    assert.equal(result.uidl.length, 2);
    assert.deepEqual(result.digests, messages.map(sha256));
    assert.deepEqual(result.top, ['Subject: poplib', 'X: y', '', '.starts with a dot']);
    assert.equal(result.apop, 1, 'DELE of the first session was applied at QUIT');
  } finally {
    await fixture.cleanup();
  }
});
