import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { OpenedStore } from '../../src/store/open.ts';
import { crashDigest, CRASH_PAIR } from './crash-messages.ts';
import { openStoreWithAccount } from './temp-store.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Starts the child, lets it ingest for a random while, kills it with SIGKILL; returns the last index it reported. */
async function runAndKill(dataDir: string, folderId: number, start: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(folderId), String(start)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let last = start;
  let ready = false;
  let buffered = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`child exited early with code ${code}`)));
    child.stdout!.on('data', (data: Buffer) => {
      buffered += data.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready' && !ready) {
          ready = true;
          // a random moment: somewhere inside blob writes, fsyncs, renames, commits, expunges
          setTimeout(() => child.kill('SIGKILL'), 300 + Math.random() * 1200);
          resolve();
        } else if (/^\d+$/.test(line)) {
          last = Number(line);
        }
      }
    });
  }).catch(() => undefined);
  await exited;
  return last;
}

function sha256File(store: OpenedStore, sha: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    store.blobs.open(sha).on('data', (c) => hash.update(c)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

async function verify(store: OpenedStore, dataDir: string, folderId: number): Promise<number> {
  const folder = (await store.getFolderById(folderId))!;
  const messages = await store.listMessages(folderId);
  let lastUid = 0;
  for (const message of messages) {
    assert.ok(message.uid > lastUid && message.uid < folder.uidNext, `uid ${message.uid} below UIDNEXT ${folder.uidNext}`);
    assert.ok(message.modseq <= folder.highestModseq);
    lastUid = message.uid;
    assert.equal(await store.blobs.has(message.sha256), true, `blob of uid ${message.uid} exists`);
    assert.equal(await sha256File(store, message.sha256), message.sha256, `blob of uid ${message.uid} is intact`);
    const full = (await store.getMessage(folderId, message.uid))!;
    assert.equal(full.mime.body.offsets.bodyEnd <= message.size || full.mime.body.size <= message.size, true);
  }
  // Every ledger entry names a message that was stored with exactly the bytes of its source item (or one that
  // a later expunge removed); every message has its ledger entry.
  const db = new BetterSqlite3(join(dataDir, 'mailferry.sqlite'), { readonly: true });
  try {
    const ledger = db.prepare('select source, folder_id, uid, sha256 from ledger where pair = ?').all(CRASH_PAIR) as
      Array<{ source: string; folder_id: number; uid: number; sha256: string }>;
    const byUid = new Map(messages.map((m) => [m.uid, m]));
    for (const entry of ledger) {
      assert.equal(entry.sha256, crashDigest(Number(entry.source)), `ledger ${entry.source} digest`);
      const message = byUid.get(entry.uid);
      if (message) assert.equal(message.sha256, entry.sha256);
      else assert.equal(entry.uid % 5, 0, `ledger ${entry.source}: uid ${entry.uid} is missing but was never expunged`);
    }
    assert.equal(ledger.length, new Set(ledger.map((e) => e.source)).size);
    const ledgered = new Set(ledger.map((e) => e.uid));
    for (const message of messages) assert.ok(ledgered.has(message.uid), `uid ${message.uid} has its ledger entry`);
    return ledger.length;
  } finally {
    db.close();
  }
}

test('SIGKILL at random moments during ingest leaves every visible message whole', { timeout: 120_000 }, async () => {
  const temp = await openStoreWithAccount();
  const { dataDir, inbox } = temp;
  try {
    await temp.store.close();
    let next = 0;
    let ledgered = 0;
    for (let round = 0; round < 4; round++) {
      const reported = await runAndKill(dataDir, inbox.id, next);
      const store = await temp.reopen();
      assert.deepEqual((await readdir(join(dataDir, 'blobs', 'tmp'))), [], 'temporary files of the dead process removed');
      ledgered = await verify(store, dataDir, inbox.id);
      assert.ok(ledgered >= reported - 0, `at least what the child reported committed (${ledgered} ≥ ${reported})`);
      await store.close();
      // the next run starts over from where the ledger says: already-committed items are skipped
      next = Math.max(0, reported - 10);
    }
    assert.ok(ledgered > 0, 'the child committed something');
    await temp.reopen();
  } finally {
    await temp.cleanup();
  }
});
