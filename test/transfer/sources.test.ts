// Other sources and ways in: POP3 (byte-exact, UIDL identities, rerun copies nothing), an mbox file, Gmail
// mode against a Dovecot laid out like Gmail (labels become folders, All Mail's archived messages go to Archive,
// views are skipped, nothing twice), an OAuth2 token refreshed when the server refuses an expired one, and TLS
// verification (a self-signed server is refused unless --insecure).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tokenCommandProvider } from '../../src/endpoints/credentials.ts';
import { passwordProvider } from '../../src/endpoints/credentials.ts';
import { runTransfer, TransferSetupError } from '../../src/transfer/engine.ts';
import { openPair } from '../../src/transfer/open-pair.ts';
import { SilentProgress } from '../../src/util/progress.ts';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import { startFixture } from '../imap/client/fixture.ts';
import { ACCOUNT, fillImap, imapClient, imapUrl, PASSWORD, readLocal, sha256, startMailServer, tempStore, type TempStore } from './fixtures.ts';
import { quietLogger, runSync, settingsFor } from './run-sync.ts';

let server: DovecotInstance;
let temp: TempStore;
const LOCAL = `local:${ACCOUNT}`;
const mail = (id: string, body = id) => Buffer.from(`Message-ID: <${id}@src>\r\nSubject: ${id}\r\n\r\n${body}\r\n`);

before(async () => {
  server = await startMailServer('slash');
  temp = await tempStore();
});
after(async () => {
  await temp?.close();
  await server?.stop();
});

async function localFolders(store: TempStore['store']): Promise<Record<string, string[]>> {
  const held = await readLocal(store);
  return Object.fromEntries([...held].filter(([, list]) => list.length > 0).map(([folder, list]) => [folder, list.map((m) => m.sha256).sort()]));
}

test('POP3 → local: byte-exact by UIDL; a rerun copies nothing', { timeout: 60_000 }, async () => {
  const local = await tempStore();
  try {
    const bodies = [mail('p1'), Buffer.from('Subject: dot\r\n\r\n.leading dot\r\n..two\r\n.\r\nend'), mail('p3', 'x'.repeat(200_000))];
    await fillImap(server, bodies.map((bytes) => ({ folder: 'INBOX', bytes, flags: [], internalDate: new Date() })));
    const pop3 = `pop3://alice@127.0.0.1:${server.pop3Port}`;
    const report = await runSync(local.store, pop3, LOCAL, {}, { [`pop3://alice@127.0.0.1:${server.pop3Port}`]: PASSWORD });
    assert.deepEqual(report.failures, []);
    assert.deepEqual((await localFolders(local.store)).INBOX, bodies.map(sha256).sort());
    const again = await runSync(local.store, pop3, LOCAL);
    assert.equal(again.folders[0]!.copied, 0);
  } finally {
    await local.close();
  }
});

test('mbox file → local', async () => {
  const local = await tempStore();
  try {
    const path = join(local.dir, 'archive.mbox');
    writeFileSync(path, 'From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\nFrom here on\n>From quoted\n\nFrom a@b Tue Jan  2 00:00:00 2024\nSubject: two\n\nsecond\n');
    const report = await runSync(local.store, `mbox:${path}`, LOCAL);
    assert.deepEqual(report.failures, []);
    assert.equal((await localFolders(local.store)).INBOX!.length, 2);
    assert.equal((await runSync(local.store, `mbox:${path}`, LOCAL)).folders[0]!.copied, 0);
  } finally {
    await local.close();
  }
});

test('Gmail mode: labels become folders, archived mail goes to Archive, views are skipped, nothing twice', { timeout: 60_000 }, async () => {
  const gmail = await startMailServer('slash', [{ user: 'gina', password: 'pw-gina' }]);
  const local = await tempStore();
  try {
    const client = await imapClient(gmail, 'gina', 'pw-gina');
    for (const folder of ['Work', '[Gmail]/All Mail', '[Gmail]/Sent Mail', '[Gmail]/Starred', '[Gmail]/Important']) await client.create(folder);
    const put = (folder: string, ids: string[]) => client.append(folder, ids.map((id) => ({ content: mail(id), flags: id === 'm1' ? ['\\Flagged'] : [] })));
    await put('INBOX', ['m1', 'm2']);
    await put('Work', ['m2']);
    await put('[Gmail]/Sent Mail', ['s1']);
    await put('[Gmail]/Starred', ['m1']);
    await put('[Gmail]/Important', ['m2']);
    await put('[Gmail]/All Mail', ['m1', 'm2', 'm3', 's1']);
    await client.logout();
    const url = imapUrl(gmail, 'gina');
    const gmailMode = { folders: { mode: 'gmail' as const, include: [], exclude: [], maps: [] } };
    const report = await runSync(local.store, url, LOCAL, gmailMode, { [url]: 'pw-gina' });
    assert.deepEqual(report.failures, []);
    assert.deepEqual(report.skippedFolders.sort(), ['[Gmail]/Important', '[Gmail]/Starred']);
    const held = await localFolders(local.store);
    assert.deepEqual(held, {
      INBOX: [mail('m1'), mail('m2')].map(sha256).sort(), Work: [sha256(mail('m2'))], Sent: [sha256(mail('s1'))], Archive: [sha256(mail('m3'))],
    });
    const again = await runSync(local.store, url, LOCAL, gmailMode, { [url]: 'pw-gina' });
    assert.equal(again.folders.reduce((sum, f) => sum + f.copied, 0), 0);
  } finally {
    await local.close();
    await gmail.stop();
  }
});

test('OAuth2: an expired token is refreshed by running the token command again', { timeout: 60_000 }, async () => {
  const fixture = await startFixture({ oauth: true });
  const local = await tempStore();
  try {
    const setup = await fixture.connect();
    await setup.append('INBOX', [{ content: mail('o1') }]);
    await setup.logout();
    writeFileSync(join(local.dir, 'token0'), `${fixture.token(-60)}\n`);
    writeFileSync(join(local.dir, 'token1'), `${fixture.token(3600)}\n`);
    const counter = join(local.dir, 'count');
    const command = `n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n+1)) > ${counter}; cat ${local.dir}/token$n`;
    const { source, dest } = openPair(`imap://alice@127.0.0.1:${fixture.dovecot.imapPort}?auth=xoauth2`, LOCAL, {
      store: local.store, logger: quietLogger, allowPlaintext: true, credentials: () => tokenCommandProvider(command),
    });
    const report = await runTransfer(source, dest, settingsFor(source.url, dest.url, { connections: 1 }), {
      ledger: local.store.transferLedger, logger: quietLogger, progress: new SilentProgress(),
    });
    assert.deepEqual(report.failures, []);
    assert.deepEqual((await localFolders(local.store)).INBOX, [sha256(mail('o1'))]);
  } finally {
    await local.close();
    await fixture.stop();
  }
});

test('TLS: a self-signed server is refused, and accepted with insecure', { timeout: 60_000 }, async () => {
  const tls = await startMailServer('slash', [{ user: 'alice', password: PASSWORD }], { tls: true });
  try {
    const url = `imaps://alice@127.0.0.1:${tls.imapsPort}`;
    const attempt = (insecure: boolean) => {
      const { source, dest } = openPair(url, LOCAL, { store: temp.store, logger: quietLogger, insecure, credentials: () => passwordProvider(async () => PASSWORD) });
      return runTransfer(source, dest, settingsFor(source.url, dest.url), { ledger: temp.store.transferLedger, logger: quietLogger, progress: new SilentProgress() });
    };
    await assert.rejects(attempt(false), (error: Error) => error instanceof TransferSetupError && /certificate|self.signed/i.test(error.message));
    assert.deepEqual((await attempt(true)).failures, []);
  } finally {
    await tls.stop();
  }
});
