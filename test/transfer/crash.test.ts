// Exactly once under kill -9 (DESIGN invariant 2): `mailferry sync` (the real command) copies Dovecot → Dovecot
// and is killed with SIGKILL at ≥ 20 random moments — while starting, planning, appending, recording — and
// started again each time. When a run finally completes, the destination holds every source message exactly once
// (identical twins included), with its flags, and a further run with --verify finds nothing to do.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DovecotInstance } from '../helpers/dovecot.ts';
import { makeMessage } from '../import/maildir-corpus.ts';
import { fingerprint, imapClient, imapUrl, PASSWORD, readImap, startMailServer, tempStore, type TempStore } from './fixtures.ts';
import { runSync } from './run-sync.ts';
import { BIN, cleanEnv } from '../cli/run-cli.ts';

const KILLS = 20;
const FOLDERS = ['INBOX', 'Work', 'Archive/2023'];
const MESSAGES = 1800;

let a: DovecotInstance;
let b: DovecotInstance;
let temp: TempStore;
const children = new Set<ChildProcess>();

before(async () => {
  [a, b] = await Promise.all([startMailServer('slash'), startMailServer('slash')]);
  temp = await tempStore();
  await temp.store.close();
  const client = await imapClient(a);
  for (const folder of FOLDERS.slice(1)) await client.create(folder);
  for (const [index, folder] of FOLDERS.entries()) {
    const messages = [];
    for (let n = index; n < MESSAGES; n += FOLDERS.length) {
      const size = n % 97 === 5 ? 300_000 : 2_000 + ((n * 7_919) % 20_000);
      const content = makeMessage(n, size);
      messages.push({ content, flags: n % 4 === 0 ? ['\\Seen', '$Label1'] : [], internalDate: new Date(Date.UTC(2023, 0, 1) + n * 60_000) });
      // identical twins: the same bytes twice in one folder are two messages, both must arrive
      if (n % 150 === 0) messages.push({ content, flags: [], internalDate: new Date(Date.UTC(2023, 0, 1) + n * 60_000) });
    }
    const results = await client.append(folder, messages);
    assert.ok(results.every((result) => result.ok));
  }
  await client.logout();
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await temp?.close().catch(() => undefined);
  await Promise.all([a?.stop(), b?.stop()]);
});

interface Run {
  killed: boolean;
  stdout: string;
}

/** How long from "N messages to copy" to the kill: a fair share of what is left, so the kills spread over the copy. */
type KillPlan = { afterStartMs: number } | { share: number };

/** Runs `mailferry sync`; kills it as planned (never when no plan). */
function runSync9(kill?: KillPlan): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = ['--data-dir', join(temp.dir, 'data'), 'sync', imapUrl(a), imapUrl(b), '--allow-plaintext', '--connections', '3', '--json'];
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: cleanEnv({ MAILFERRY_SRC_PASSWORD: PASSWORD, MAILFERRY_DST_PASSWORD: PASSWORD }),
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let killed = false;
    const killNow = () => {
      if (child.exitCode === null && child.signalCode === null) killed = child.kill('SIGKILL');
    };
    if (kill && 'afterStartMs' in kill) setTimeout(killNow, kill.afterStartMs);
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      const before = stderr;
      stderr += chunk.toString();
      const planned = /(\d+) messages \([\d.]+ MB\) to copy/.exec(stderr);
      if (!planned || /to copy/.test(before) || !kill || !('share' in kill)) return;
      // assume a fast machine (1,500 messages a second): on a slower one the kill only lands earlier in the copy
      const remainingMs = (Number(planned[1]) / 1500) * 1000;
      setTimeout(killNow, Math.floor(Math.random() * remainingMs * kill.share));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      if (!killed && code !== 0) reject(new Error(`mailferry sync exited with ${code}: ${stderr.slice(-2000)}`));
      else resolve({ killed, stdout });
    });
  });
}

test(`kill -9 at ${KILLS} random moments, then finish: every message exactly once`, { timeout: 120_000 }, async (t) => {
  let kills = 0;
  let attempts = 0;
  let completed = false;
  while (kills < KILLS && attempts < KILLS * 3) {
    attempts++;
    // most kills land while appending; some while starting, connecting, planning or settling the last run's appends;
    // once a run completed (a fast machine), the remaining kills land while starting, reconciling and planning
    const share = 2 / (KILLS - kills + 1);
    const early = { afterStartMs: (completed ? 50 : 200) + Math.floor(Math.random() * (completed ? 400 : 1000)) };
    const run = await runSync9(!completed && Math.random() < 0.8 ? { share } : early);
    if (run.killed) kills++;
    else completed = true;
  }
  assert.ok(kills >= KILLS, `only ${kills} kills landed before the sync completed`);

  const final = await runSync9();
  const report = JSON.parse(final.stdout);
  assert.deepEqual(report.failures, []);
  const reconciled = report.folders.reduce((sum: number, f: { reconciled: number }) => sum + f.reconciled, 0);
  t.diagnostic(`${kills} kills in ${attempts} runs; the final run copied ${report.folders.reduce((s: number, f: { copied: number }) => s + f.copied, 0)}, found ${reconciled} appends of killed runs already in place`);

  assert.deepEqual(fingerprint(await readImap(b)), fingerprint(await readImap(a)), 'the destination holds every source message exactly once');

  const reopened = await tempStoreAt(temp.dir);
  try {
    const check = await runSync(reopened, imapUrl(a), imapUrl(b), { verify: true });
    assert.deepEqual(check.failures, []);
    assert.equal(check.folders.reduce((sum, f) => sum + f.copied, 0), 0);
    for (const folder of check.verify!) assert.equal(folder.missing + folder.extra + folder.mismatched, 0, folder.details.join('; '));
    for (const folder of FOLDERS) assert.deepEqual(await reopened.transferLedger.pending(`sync:${imapUrl(a)}=>${imapUrl(b)}`, folder), [], 'no append left pending');
  } finally {
    await reopened.close();
  }
});

async function tempStoreAt(dir: string) {
  const { openStore } = await import('../../src/store/open.ts');
  return openStore({ dataDir: join(dir, 'data'), blobGraceMs: 0 });
}
