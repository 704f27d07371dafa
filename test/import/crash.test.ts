// Invariants 1–3 under kill -9: a 2,000-message Maildir is imported by a child process that is killed at
// random moments and restarted; when the import finally completes, the store holds every message exactly
// once, whole, byte-exact with its source file.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import { openStore } from '../../src/store/open.ts';
import { generateMaildir, type CorpusMessage } from './maildir-corpus.ts';

const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));
const ACCOUNT = 'crash@example.org';
const MESSAGES = 2_000;
const KILLS = 12;

let dir: string;
let corpus: CorpusMessage[];
const children = new Set<ChildProcess>();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailferry-crash-'));
  // a smaller long tail than a real mailbox keeps the test well under its time budget
  corpus = await generateMaildir(join(dir, 'source'), {
    count: MESSAGES,
    size: (index) => (index % 200 === 7 ? 600_000 : index % 20 === 3 ? 60_000 : 2_000 + ((index * 7_919) % 8_000)),
  });
  const store = await openStore({ dataDir: join(dir, 'data'), scryptCost: { ln: 4, r: 8, p: 1 } });
  await store.addDomain('example.org');
  await store.addAccount(ACCOUNT, 'pw');
  await store.close();
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  killed: boolean;
  stdout: string;
  code: number | null;
}

/** Runs the importer; kills it with SIGKILL `killAfterMs` after it said "ready" (never when undefined). */
function runImporter(killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir, 'data'), `maildir:${join(dir, 'source')}`, ACCOUNT], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MAILFERRY_LOG_LEVEL: 'problems' },
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      const first = !stdout.includes('ready\n');
      stdout += chunk.toString();
      if (first && stdout.includes('ready\n') && killAfterMs !== undefined) {
        setTimeout(() => {
          if (child.exitCode === null) {
            killed = child.kill('SIGKILL');
          }
        }, killAfterMs);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      if (!killed && code !== 0) reject(new Error(`importer exited with ${code}: ${stderr}`));
      else resolve({ killed, stdout, code });
    });
  });
}

it(`kill -9 at ${KILLS} random moments, then finish: every message once, whole and byte-exact`, { timeout: 90_000 }, async (t) => {
  let kills = 0;
  let attempts = 0;
  let completed = false;
  while (kills < KILLS && attempts < KILLS * 4) {
    attempts++;
    // Random moments of the run: start-up, the first batches, deep in the run. How fast the import goes depends
    // on the machine, so once a run completes the kills go on during start-up and the rescan of what is stored.
    const run = await runImporter(completed ? 5 + Math.floor(Math.random() * 95) : 20 + Math.floor(Math.random() * 380));
    if (run.killed) kills++;
    else completed = true;
  }
  assert.ok(kills >= KILLS, `only ${kills} of ${KILLS} kills landed in ${attempts} runs`);

  const final = await runImporter();
  const summary = JSON.parse(final.stdout.split('\n').find((line) => line.startsWith('{'))!);
  assert.equal(summary.failed, 0, JSON.stringify(summary.failures));
  assert.equal(summary.messages + summary.skipped, MESSAGES);
  t.diagnostic(`${kills} kills; the final run imported ${summary.messages} and skipped ${summary.skipped} already stored`);

  const store = await openStore({ dataDir: join(dir, 'data') });
  try {
    const account = (await store.getAccount(ACCOUNT))!;
    const expected = new Map<string, number>();
    for (const message of corpus) expected.set(`${message.folder}\0${message.sha256}`, (expected.get(`${message.folder}\0${message.sha256}`) ?? 0) + 1);
    let stored = 0;
    for (const folder of await store.listFolders(account.id)) {
      for await (const message of store.iterateMessages(folder.id)) {
        stored++;
        const key = `${folder.name}\0${message.sha256}`;
        const left = expected.get(key);
        assert.ok(left !== undefined && left > 0, `message UID ${message.uid} in ${folder.name} is a duplicate or not from the source`);
        expected.set(key, left - 1);
        // whole: the blob's bytes hash to the recorded digest and have the recorded size
        const hash = createHash('sha256');
        let size = 0;
        for await (const chunk of store.blobs.open(message.sha256)) {
          hash.update(chunk as Buffer);
          size += (chunk as Buffer).length;
        }
        assert.equal(hash.digest('hex'), message.sha256);
        assert.equal(size, message.size);
      }
    }
    assert.equal(stored, MESSAGES);
    assert.ok([...expected.values()].every((left) => left === 0), 'every source message is stored');
  } finally {
    await store.close();
  }
  const rerun = JSON.parse((await runImporter()).stdout.split('\n').find((line) => line.startsWith('{'))!);
  assert.deepEqual([rerun.messages, rerun.skipped, rerun.failed], [0, MESSAGES, 0]);
});
