// npm run bench:import — imports cached Maildir corpora into a fresh store and prints messages, MB, seconds,
// messages/s, MB/s and the importer's peak RSS, next to Dovecot's own `doveadm import` of the same corpus.
// The importer runs in a child process so its peak RSS (getrusage maxrss) is measured alone; a row with a few
// 100 MB messages shows that memory does not grow with message size (DESIGN invariant 4). Each corpus runs
// twice: as the CLI starts today, and "tuned" — UV_THREADPOOL_SIZE=16 (blob fsyncs no longer queue behind
// libuv's 4 threads) and --max-semi-space-size=2 (V8's young generation stops growing to 3 × 16 MB).
// `--no-peers` leaves out doveadm; `--no-tuned` the tuned rows.
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/open.ts';
import { bigCorpus, emptyCorpus, realisticCorpus, type Corpus } from './corpora.ts';
import { doveadmImport } from './doveadm.ts';
import { ensureBundle } from '../bin/bundle.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(REPO, '.bench');
// The child runs as one bundle with plain node, as bin/mailferry.js runs the CLI (no tsx loader in the figure).
const CHILD = await ensureBundle('bench/import-child.ts');
const ACCOUNT = 'bench@example.org';
const RSS_LIMIT_MB = 150;
const MB = 1024 * 1024;

export interface Row {
  tool: string;
  corpus: string;
  messages: number;
  bytes: number;
  seconds: number;
  peakRssBytes: number;
}

async function freshStore(): Promise<string> {
  const dataDir = join(BENCH_DIR, 'store');
  await rm(dataDir, { recursive: true, force: true });
  const store = await openStore({ dataDir });
  await store.addDomain('example.org');
  await store.addAccount(ACCOUNT, 'bench-password');
  await store.close();
  return dataDir;
}

interface Launch {
  label: string;
  nodeFlags: string[];
  env: Record<string, string>;
}

const LAUNCHES: Launch[] = [
  { label: 'mailferry import', nodeFlags: [], env: { UV_THREADPOOL_SIZE: '16' } },
  { label: 'mailferry import (tuned)', nodeFlags: ['--max-semi-space-size=2'], env: { UV_THREADPOOL_SIZE: '16' } },
];

function runChild(dataDir: string, root: string, launch: Launch): Promise<{ summary: { messages: number; bytes: number; failed: number; durationMs: number }; maxRssBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...launch.nodeFlags, CHILD, dataDir, `maildir:${root}`, ACCOUNT], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, MAILFERRY_LOG_LEVEL: 'problems', ...launch.env },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`importer exited with ${code}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

async function mailferryImport(corpus: Corpus, launch: Launch): Promise<Row> {
  const dataDir = await freshStore();
  const { summary, maxRssBytes } = await runChild(dataDir, corpus.root, launch);
  if (summary.failed > 0 || summary.messages !== corpus.messages) {
    throw new Error(`import of ${corpus.name}: ${summary.messages} of ${corpus.messages} imported, ${summary.failed} failed`);
  }
  return { tool: launch.label, corpus: corpus.name, messages: summary.messages, bytes: summary.bytes, seconds: summary.durationMs / 1000, peakRssBytes: maxRssBytes };
}

function printTable(rows: Row[]): void {
  const header = ['tool', 'corpus', 'messages', 'MB', 'seconds', 'msg/s', 'MB/s', 'peak RSS MB'];
  const cells = rows.map((row) => [
    row.tool, row.corpus, String(row.messages), (row.bytes / MB).toFixed(0), row.seconds.toFixed(1),
    row.messages === 0 ? '-' : (row.messages / row.seconds).toFixed(0), row.messages === 0 ? '-' : (row.bytes / MB / row.seconds).toFixed(1),
    (row.peakRssBytes / MB).toFixed(0),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const render = (line: string[]) => line.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  process.stdout.write(`${render(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(render).join('\n')}\n`);
}

await mkdir(BENCH_DIR, { recursive: true });
const realistic = await realisticCorpus(BENCH_DIR);
const big = await bigCorpus(BENCH_DIR);
const empty = await emptyCorpus(BENCH_DIR);
const rows: Row[] = [];
const launches = process.argv.includes('--no-tuned') ? LAUNCHES.slice(0, 1) : LAUNCHES;
for (const corpus of [empty, realistic, big]) {
  for (const launch of launches) {
    process.stderr.write(`${launch.label}: importing ${corpus.name}…\n`);
    rows.push(await mailferryImport(corpus, launch));
  }
}
if (!process.argv.includes('--no-peers')) {
  for (const corpus of [realistic, big]) {
    process.stderr.write(`doveadm: importing ${corpus.name}…\n`);
    const row = await doveadmImport(corpus).catch((error: Error) => {
      process.stderr.write(`doveadm import skipped: ${error.message}\n`);
      return undefined;
    });
    if (row) rows.push(row);
  }
}
await rm(join(BENCH_DIR, 'store'), { recursive: true, force: true });
printTable(rows);
process.stdout.write('\n');
for (const launch of launches) {
  const ours = rows.filter((row) => row.tool === launch.label);
  const worst = Math.max(...ours.map((row) => row.peakRssBytes)) / MB;
  process.stdout.write(`${launch.label}: peak RSS ${worst.toFixed(0)} MB (limit ${RSS_LIMIT_MB} MB): ${worst < RSS_LIMIT_MB ? 'OK' : 'OVER'}\n`);
}
