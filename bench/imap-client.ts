// npm run bench:imap-client — the in-house IMAP client against one private Dovecot: APPEND of 2,000 messages
// (2 KB–200 KB) by MULTIAPPEND, pipelined LITERAL+ and sequential synchronising literals, then one pipelined
// FETCH of every body (sha256-checked). imapflow, one command at a time, runs the same work as the peer row.
// Two more rows push 3 × 100 MB messages through to show that memory does not grow with message size.
// Each run is its own process so its peak RSS is its own. BENCH_MESSAGES=n changes the count.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDovecot } from '../test/helpers/dovecot.ts';
import { LARGE_COUNT, LARGE_SIZE, MESSAGES } from './imap-client-messages.ts';

const CHILD = fileURLToPath(new URL('./imap-client-child.ts', import.meta.url));
const MB = 1024 * 1024;
const RUNS: Array<{ mode: string; label: string }> = [
  { mode: 'multiappend', label: 'APPEND: MULTIAPPEND, 50 per command' },
  { mode: 'pipelined', label: 'APPEND: pipelined, LITERAL+' },
  { mode: 'sequential', label: 'APPEND: sequential, synchronising' },
  { mode: 'multiappend-unselected', label: 'APPEND: MULTIAPPEND, folder not selected' },
  { mode: 'imapflow', label: 'APPEND: imapflow 2 (peer), one at a time' },
  { mode: 'fetch', label: 'FETCH: all bodies, one pipelined command' },
  { mode: 'imapflow-fetch', label: 'FETCH: imapflow 2 (peer), all bodies' },
  { mode: 'large-append', label: `APPEND: ${LARGE_COUNT} × ${LARGE_SIZE / MB} MB, streamed from a source` },
  { mode: 'large-fetch', label: `FETCH: ${LARGE_COUNT} × ${LARGE_SIZE / MB} MB, spooled to temp files` },
];

interface Result { messages: number; bytes: number; ms: number; cpuMs: number; maxRssBytes: number }

function runChild(mode: string, port: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${mode}: child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as Result);
    });
  });
}

// BENCH_FSYNC=never measures the protocol rather than the disk (a shared machine's fsync latency swamps it)
const fsync = process.env.BENCH_FSYNC ?? 'optimized';
const dovecot = await startDovecot({ users: [{ user: 'bench', password: 'bench-password' }], extraConfig: `mail_fsync = ${fsync}` });
const rows: string[][] = [];
try {
  for (const run of RUNS) {
    const result = await runChild(run.mode, dovecot.imapPort);
    const seconds = result.ms / 1000;
    rows.push([run.label, String(result.messages), (result.bytes / MB).toFixed(1), seconds.toFixed(2),
      (result.messages / seconds).toFixed(0), (result.bytes / MB / seconds).toFixed(1), (result.cpuMs / 1000).toFixed(2), (result.maxRssBytes / MB).toFixed(0)]);
    process.stderr.write(`${run.label}: ${rows.at(-1)![4]} msg/s\n`);
  }
} finally {
  await dovecot.stop();
}
const header = ['mode', 'messages', 'MB', 'seconds', 'msg/s', 'MB/s', 'client CPU s', 'peak RSS MB'];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
console.log(`\nIMAP client bench: ${MESSAGES} messages, 2 KB–200 KB, Dovecot (maildir, mail_fsync = ${fsync}) on loopback\n`);
console.log(line(header));
console.log(widths.map((width) => '-'.repeat(width)).join('  '));
for (const row of rows) console.log(line(row));
