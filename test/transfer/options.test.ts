// The selection options of a sync, Dovecot → local: --dry-run changes nothing, --since and --max-size skip (and
// count) what they leave out, --include/--exclude/--map choose and rename folders, --max-bytes-per-second holds
// the rate down, and a later run without the filters copies what they had left out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import { parseMapRule } from '../../src/folders/name-rules.ts';
import { ACCOUNT, fillImap, imapUrl, readLocal, startMailServer, tempStore, type SampleMessage, type TempStore } from './fixtures.ts';
import { runSync } from './run-sync.ts';

let server: DovecotInstance;
let temp: TempStore;
const LOCAL = `local:${ACCOUNT}`;

const message = (folder: string, n: number, size: number, date: string): SampleMessage => ({
  folder, flags: [], internalDate: new Date(date),
  bytes: Buffer.from(`Message-ID: <o${n}@options>\r\nSubject: ${n}\r\n\r\n${'x'.repeat(size)}\r\n`),
});

before(async () => {
  server = await startMailServer('slash');
  temp = await tempStore();
  await fillImap(server, [
    message('INBOX', 1, 100, '2020-01-01T00:00:00Z'), message('INBOX', 2, 100, '2024-06-01T00:00:00Z'),
    message('INBOX', 3, 300_000, '2024-06-02T00:00:00Z'), message('Lists/rust', 4, 100, '2024-06-03T00:00:00Z'),
    message('Lists/node', 5, 100, '2024-06-04T00:00:00Z'), message('Private', 6, 100, '2024-06-05T00:00:00Z'),
    message('Old/2019', 7, 100, '2019-03-01T00:00:00Z'),
  ]);
});
after(async () => {
  await temp?.close();
  await server?.stop();
});

async function counts(): Promise<Record<string, number>> {
  const held = await readLocal(temp.store);
  return Object.fromEntries([...held].filter(([, list]) => list.length > 0).map(([folder, list]) => [folder, list.length]));
}

test('--dry-run plans and changes nothing', async () => {
  const report = await runSync(temp.store, imapUrl(server), LOCAL, { dryRun: true });
  assert.equal(report.dryRun, true);
  assert.equal(report.folders.find((f) => f.folder === 'INBOX')!.copied, 3, 'three messages would be copied');
  assert.ok(report.folders.every((f) => f.outcome === 'planned'));
  assert.deepEqual(await counts(), {});
  const account = (await temp.store.getAccount(ACCOUNT))!;
  assert.equal(await temp.store.getFolder(account.id, 'Lists/rust'), undefined, 'no folder created');
});

test('--since, --max-size, --include, --exclude and --map', async () => {
  const report = await runSync(temp.store, imapUrl(server), LOCAL, {
    since: new Date('2024-01-01T00:00:00Z'), maxSize: 100_000,
    folders: { mode: 'standard', include: ['INBOX', 'Lists/*', 'Old/%'], exclude: ['Lists/node'], maps: [parseMapRule('^Old/(.*)$=>Archive/$1')] },
  });
  assert.deepEqual(report.failures, []);
  assert.deepEqual(report.skippedFolders.sort(), ['Lists/node', 'Private', 'Sent']);
  assert.equal(report.folders.find((f) => f.folder === 'INBOX')!.skipped, 2, 'one too old, one too large');
  assert.equal(report.folders.find((f) => f.folder === 'Old/2019')!.dest, 'Archive/2019');
  assert.deepEqual(await counts(), { 'INBOX': 1, 'Lists/rust': 1 });
});

test('a run without the filters copies what they left out, and nothing twice', async () => {
  const report = await runSync(temp.store, imapUrl(server), LOCAL, {
    folders: { mode: 'standard', include: [], exclude: [], maps: [parseMapRule('^Old/(.*)$=>Archive/$1')] },
  });
  assert.deepEqual(report.failures, []);
  assert.deepEqual(await counts(), { 'INBOX': 3, 'Lists/rust': 1, 'Lists/node': 1, 'Private': 1, 'Archive/2019': 1 });
});

test('--max-bytes-per-second holds the rate down', async () => {
  const fresh = await tempStore();
  try {
    const started = Date.now();
    const report = await runSync(fresh.store, imapUrl(server), LOCAL, { maxBytesPerSecond: 100_000, folders: { mode: 'standard', include: ['INBOX'], exclude: [], maps: [] } });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(report.folders[0]!.copied, 3);
    // ~300 KB at 100 KB/s: the first second's worth goes at once, the other ~200 KB are earned (2 s)
    assert.ok(seconds >= 1.9, `took ${seconds.toFixed(2)} s`);
  } finally {
    await fresh.close();
  }
});
