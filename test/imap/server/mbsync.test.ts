// mbsync (Debian's isync, a real synchronising client) between the mailferry IMAP server and a local Maildir,
// over STARTTLS: the account comes down, local changes go up, and a further run changes nothing on either side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startImapFixture, message, PASSWORD, type ImapFixture } from './fixture.ts';

const run = promisify(execFile);
const USER = 'sync@example.org';

function config(dir: string, fixture: ImapFixture): string {
  writeFileSync(join(dir, 'server.pem'), fixture.tls.certPem);
  return [
    'IMAPAccount mailferry', 'Host 127.0.0.1', `Port ${fixture.port}`, `User ${USER}`, `Pass "${PASSWORD}"`,
    'SSLType STARTTLS', `CertificateFile ${join(dir, 'server.pem')}`, '',
    'IMAPStore remote', 'Account mailferry', '',
    'MaildirStore local', `Path ${join(dir, 'mail')}/`, `Inbox ${join(dir, 'mail', 'INBOX')}`, 'SubFolders Verbatim', '',
    'Channel sync', 'Far :remote:', 'Near :local:', 'Patterns *', 'Create Both', 'Expunge Both', 'SyncState *', '',
  ].join('\n');
}

async function mbsync(dir: string): Promise<string> {
  const { stdout, stderr } = await run('mbsync', ['-c', join(dir, 'mbsyncrc'), '-a'], { timeout: 30_000 });
  return stdout + stderr;
}

/** file names under each Maildir folder's cur/ and new/ */
function maildir(dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (path: string, name: string): void => {
    const entries = readdirSync(path, { withFileTypes: true });
    if (entries.some((e) => e.name === 'cur')) {
      out[name] = ['cur', 'new'].flatMap((sub) => readdirSync(join(path, sub)).map((f) => `${sub}/${f}`)).sort();
    }
    for (const e of entries) if (e.isDirectory() && !['cur', 'new', 'tmp'].includes(e.name)) walk(join(path, e.name), name ? `${name}/${e.name}` : e.name);
  };
  walk(join(dir, 'mail'), '');
  return out;
}

async function serverState(fixture: ImapFixture): Promise<string> {
  const account = (await fixture.temp.store.getAccount(USER))!;
  const folders = await fixture.temp.store.summarizeFolders(account.id);
  const rows: string[] = [];
  for (const f of folders) {
    const flags = (await fixture.temp.store.listMessages(f.id)).map((m) => `${m.uid}:${m.flags.join(',')}`);
    rows.push(`${f.name} next=${f.uidNext} modseq=${f.highestModseq} ${flags.join(' ')}`);
  }
  return rows.join('\n');
}

test('mbsync pulls the account, pushes local changes, and a further run changes nothing', async () => {
  const fixture = await startImapFixture();
  const dir = mkdtempSync(join(tmpdir(), 'mf-mbsync-'));
  mkdirSync(join(dir, 'mail'));
  try {
    await fixture.addAccount(USER);
    const account = (await fixture.temp.store.getAccount(USER))!;
    await fixture.temp.store.createFolder(account.id, 'Work/Reports');
    await fixture.deliver(USER, message(1));
    await fixture.deliver(USER, message(2), { flags: ['\\Flagged'] });
    await fixture.deliver(USER, message(3), { flags: ['\\Seen'] });
    await fixture.deliver(USER, message(4), { folder: 'Work/Reports' });
    writeFileSync(join(dir, 'mbsyncrc'), config(dir, fixture), { mode: 0o600 });

    await mbsync(dir);
    const first = maildir(dir);
    assert.equal(first.INBOX?.length, 3, JSON.stringify(first));
    assert.equal(first['Work/Reports']?.length, 1);
    assert.ok(first.INBOX!.some((f) => /,F$/.test(f)), 'the flagged message is flagged locally');
    assert.ok(first.INBOX!.some((f) => /,S$/.test(f)), 'the seen message is seen locally');
    const pulled = first.INBOX!.map((f) => readFileSync(join(dir, 'mail', 'INBOX', f), 'latin1')).join('\n');
    assert.ok(pulled.includes('Hello number 2'), 'message bodies came down');

    // local changes: a new message, and one message marked as read
    writeFileSync(join(dir, 'mail', 'INBOX', 'new', '1700000000.local.host'), message(5));
    const unread = first.INBOX!.find((f) => f.startsWith('new/') || /,$/.test(f))!;
    const [sub, name] = unread.split('/');
    renameSync(join(dir, 'mail', 'INBOX', sub!, name!), join(dir, 'mail', 'INBOX', 'cur', `${name!.split(':')[0]}:2,S`));
    await mbsync(dir);
    const inbox = (await fixture.temp.store.getFolder(account.id, 'INBOX'))!;
    const messages = await fixture.temp.store.listMessages(inbox.id);
    assert.equal(messages.length, 4, 'the local message went up');
    assert.equal(messages.filter((m) => m.flags.includes('\\Seen')).length, 2, 'the local \\Seen went up');

    const serverBefore = await serverState(fixture);
    const localBefore = JSON.stringify(maildir(dir));
    await mbsync(dir);
    assert.equal(await serverState(fixture), serverBefore, 'a further run changes nothing on the server');
    assert.equal(JSON.stringify(maildir(dir)), localBefore, 'nor in the Maildir');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fixture.cleanup();
  }
});
