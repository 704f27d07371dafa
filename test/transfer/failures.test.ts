// What goes wrong on the way, against real Dovecots (faults injected by a loopback proxy): a throttled answer
// with a backoff hint is retried after the hinted delay; a connection dropped in the middle of an APPEND is
// reconciled and finished, exactly once; a message the destination refuses is listed with the reason while the
// others are copied; a keyword the destination cannot store is reported; a wrong password is one clear line.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import {
  ACCOUNT, fillImap, fillLocal, fingerprint, imapUrl, PASSWORD, readImap, startMailServer, tempStore, type SampleMessage, type TempStore,
} from './fixtures.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { capturingLogger, runSync } from './run-sync.ts';
import { TransferSetupError } from '../../src/transfer/engine.ts';
import { makeMessage } from '../import/maildir-corpus.ts';

let source: DovecotInstance;
let temp: TempStore;

const corpus = (count: number): SampleMessage[] => Array.from({ length: count }, (_, n) => ({
  folder: n % 3 === 0 ? 'Work' : 'INBOX', bytes: makeMessage(n, 8_000 + (n % 7) * 3_000), flags: n % 2 ? ['\\Seen'] : ['$Label1'],
  internalDate: new Date(Date.UTC(2022, 0, 1, 0, n)),
}));

before(async () => {
  source = await startMailServer('slash');
  temp = await tempStore();
  await fillImap(source, corpus(240));
});
after(async () => {
  await temp?.close();
  await source?.stop();
});

test('a throttled answer with a backoff hint: retried after the hinted delay, nothing lost or doubled', { timeout: 60_000 }, async () => {
  const dest = await startMailServer('slash');
  const proxy = await startFaultProxy(source.imapPort, {
    refuse: { answer: /^Fetch completed/, refusal: 'Request is throttled. Suggested Backoff Time: 400 milliseconds' },
  });
  try {
    const { logger, lines } = capturingLogger();
    const proxied = `imap://alice@127.0.0.1:${proxy.port}`;
    const report = await runSync(temp.store, proxied, imapUrl(dest), { connections: 1 }, {}, logger);
    assert.deepEqual(report.failures, []);
    assert.equal(proxy.fired.length, 1, 'the refusal was injected');
    const retry = lines.map((line) => JSON.parse(line) as { msg: string; delayMs?: number }).find((line) => /back off/.test(line.msg));
    assert.ok(retry, `a retry line that names the server's backoff: ${lines.join('')}`);
    assert.equal(retry.delayMs, 400);
    assert.deepEqual(fingerprint(await readImap(dest)), fingerprint(await readImap(source)));
  } finally {
    await proxy.close();
    await dest.stop();
  }
});

test('a connection dropped in the middle of appending: reconciled and finished exactly once', { timeout: 60_000 }, async (t) => {
  const dest = await startMailServer('slash');
  const proxy = await startFaultProxy(dest.imapPort, { dropAfterClientBytes: 1_200_000 });
  try {
    const report = await runSync(temp.store, imapUrl(source), `imap://alice@127.0.0.1:${proxy.port}`, { connections: 1 });
    assert.deepEqual(report.failures, []);
    assert.equal(proxy.fired.length, 1, 'the connection was dropped');
    t.diagnostic(`${proxy.fired[0]}; ${report.folders.reduce((sum, f) => sum + f.reconciled, 0)} appends found in place after the drop`);
    assert.deepEqual(fingerprint(await readImap(dest)), fingerprint(await readImap(source)));
  } finally {
    await proxy.close();
    await dest.stop();
  }
});

test('a message the destination refuses is listed with the reason; the others are copied', { timeout: 60_000 }, async () => {
  const local = await tempStore();
  const dest = await startMailServer('slash', [{ user: 'bob', password: 'pw-bob' }]);
  try {
    const messages: SampleMessage[] = [
      { folder: 'INBOX', bytes: Buffer.from('Subject: fine\r\n\r\nok\r\n'), flags: [], internalDate: new Date('2024-01-01T00:00:00Z') },
      { folder: 'INBOX', bytes: Buffer.alloc(0), flags: [], internalDate: new Date('2024-01-02T00:00:00Z') },
      { folder: 'INBOX', bytes: Buffer.from('Subject: also fine\r\n\r\nok\r\n'), flags: [], internalDate: new Date('2024-01-03T00:00:00Z') },
    ];
    await fillLocal(local.store, messages);
    const url = imapUrl(dest, 'bob');
    const report = await runSync(local.store, `local:${ACCOUNT}`, url, {}, { [url]: 'pw-bob' });
    assert.equal(report.failures.length, 1);
    assert.match(report.failures[0]!.item, /message 2 .*\(0 bytes\)/);
    assert.match(report.failures[0]!.reason, /zero byte/i);
    assert.equal(report.folders.find((f) => f.folder === 'INBOX')!.copied, 2);
    assert.equal((await readImap(dest, 'bob', 'pw-bob')).get('INBOX')!.length, 2);
  } finally {
    await dest.stop();
    await local.close();
  }
});

test('keywords a Maildir cannot hold (more than 26) are reported, not silently dropped', async () => {
  const local = await tempStore();
  try {
    const keywords = Array.from({ length: 30 }, (_, i) => `Kw${i}`);
    await fillLocal(local.store, [{ folder: 'INBOX', bytes: Buffer.from('Subject: k\r\n\r\nk\r\n'), flags: ['\\Seen', ...keywords], internalDate: new Date() }]);
    const report = await runSync(local.store, `local:${ACCOUNT}`, `maildir:${join(local.dir, 'md')}`);
    assert.deepEqual(report.failures, []);
    assert.equal(report.droppedFlags.length, 4);
    assert.deepEqual(report.droppedFlags.map((d) => d.flag), ['Kw26', 'Kw27', 'Kw28', 'Kw29']);
    assert.match(report.droppedFlags[0]!.reason, /26 keywords/);
  } finally {
    await local.close();
  }
});

test('a wrong password is one clear line naming the endpoint, never the password', async () => {
  const secret = 'not-the-password-42';
  await assert.rejects(runSync(temp.store, imapUrl(source), `local:${ACCOUNT}`, {}, { [imapUrl(source)]: secret }), (error: Error) => {
    assert.ok(error instanceof TransferSetupError);
    assert.match(error.message, new RegExp(`source imap://alice@127\\.0\\.0\\.1:${source.imapPort}`));
    assert.match(error.message, /AUTHENTICATE|LOGIN|auth/i);
    assert.ok(!error.message.includes(secret) && !error.message.includes(PASSWORD));
    return true;
  });
});
