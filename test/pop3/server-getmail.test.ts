// A real fetch client against the mailferry POP3 server: getmail6 (Debian's package) keeping mail on the server
// and remembering it by UIDL; a second run fetches nothing, a third only what arrived since.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPop3Fixture, PASSWORD } from './server-fixture.ts';

/** getmail refuses to deliver as root, so it runs as "nobody" in a directory of its own. */
const NOBODY = 65534;

function getmail(dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('getmail', ['--getmaildir', dir, '--rcfile', join(dir, 'getmailrc')], {
      stdio: ['ignore', 'pipe', 'pipe'], uid: NOBODY, gid: NOBODY, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

/** What getmail writes for a message: its own Return-Path line, LF line endings, a final newline. */
function asGetmailWrites(message: Buffer): string {
  const text = message.toString('latin1').replace(/\r\n/g, '\n');
  return `Return-Path: <unknown>\n${text.endsWith('\n') ? text : `${text}\n`}`;
}

test('getmail6 with UIDL-based keep: everything once, then nothing, then only the new message', async () => {
  const fixture = await startPop3Fixture();
  const dir = mkdtempSync(join(tmpdir(), 'mf-getmail-'));
  try {
    await fixture.addAccount('gm@example.org');
    const messages = [
      Buffer.from('Subject: one\r\nFrom: a@example.org\r\n\r\n.starts with a dot\r\n..two\r\nbody\r\n'),
      Buffer.from('Subject: two\r\n\r\nno final newline'),
      Buffer.from('Subject: three\r\n\r\n' + 'line\r\n'.repeat(2000)),
    ];
    for (const m of messages) await fixture.deliver('gm@example.org', m);
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, 'Maildir', sub), { recursive: true });
    writeFileSync(join(dir, 'getmailrc'), [
      '[retriever]', 'type = SimplePOP3Retriever', 'server = 127.0.0.1', `port = ${fixture.port}`,
      'username = gm@example.org', `password = ${PASSWORD}`, '',
      '[destination]', 'type = Maildir', `path = ${dir}/Maildir/`, '',
      '[options]', 'read_all = false', 'delete = false', 'delivered_to = false', 'received = false', 'verbose = 1', '',
    ].join('\n'), { mode: 0o600 });
    execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);

    const first = await getmail(dir);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /3 messages \(\d+ bytes\) retrieved, 0 skipped/);
    const delivered = () => readdirSync(join(dir, 'Maildir', 'new')).map((f) => readFileSync(join(dir, 'Maildir', 'new', f), 'latin1')).sort();
    assert.deepEqual(delivered(), messages.map(asGetmailWrites).sort());

    const second = await getmail(dir);
    assert.equal(second.code, 0, second.output);
    assert.match(second.output, /0 messages \(0 bytes\) retrieved, 3 skipped/);

    const fourth = Buffer.from('Subject: four\r\n\r\nlate arrival\r\n');
    await fixture.deliver('gm@example.org', fourth);
    const third = await getmail(dir);
    assert.match(third.output, /1 messages? \(\d+ bytes\) retrieved, 3 skipped/);
    assert.deepEqual(delivered(), [...messages, fourth].map(asGetmailWrites).sort());
    // kept on the server: nothing was deleted
    const account = (await fixture.temp.store.getAccount('gm@example.org'))!;
    const inbox = (await fixture.temp.store.getFolder(account.id, 'INBOX'))!;
    assert.equal((await fixture.temp.store.listMessages(inbox.id)).length, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fixture.cleanup();
  }
});
