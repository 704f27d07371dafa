// npm run bench:imap — FETCH speed and memory of the mailferry IMAP server next to a private Dovecot serving the
// same 10,000-message corpus: full bodies and ENVELOPE+FLAGS from one session, then 50 concurrent sessions each
// fetching its slice. Each server runs in its own process (tree) so peak RSS is its own; every workload runs twice
// to warm caches (Dovecot builds its index and cache on first use), then the median of five runs counts
// (the 50-session ENVELOPE workload lasts ~40 ms: one run is mostly noise).
// mailferry runs as `npm start` runs the service (the node flags of package.json's start script, then
// bin/mailferry.js serve), started afresh for each workload, and for comparison as plain `node bin/mailferry.js
// serve`. One table at the end; targets (for the npm start rows): at least 0.7× Dovecot's messages/s, and under
// 200 MB peak RSS with 50 sessions.
// BENCH_MESSAGES=n changes the corpus size; BENCH_WORKLOADS=3 runs only the third workload.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDovecot } from '../test/helpers/dovecot.ts';
import { fillDovecotInbox, flatCorpus, mailferryStore } from './imap-corpus.ts';
import { sessionOn, type FetchRun } from './imap-fetch-client.ts';
import { sampleRss } from './rss.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(REPO, '.bench');
const COUNT = Number(process.env.BENCH_MESSAGES ?? 10_000);
const SESSIONS = 50;
const MB = 1024 * 1024;
const USER = 'alice@example.org';
const PASSWORD = 'bench-password';

interface Server {
  name: string;
  port: number;
  user: string;
  /** root of the process tree whose memory counts */
  pid: number;
  stop(): Promise<void>;
}

/**
 * How mailferry is launched: as `npm start` does (its node flags: a 2 MB young generation semi-space instead of
 * V8's default of up to 16 MB, and a heap grown by 20% at a time rather than up to 4×, which keep a busy server's
 * resident memory flat without capping it), and with no node flags at all.
 */
interface Launch {
  label: string;
  nodeFlags: string[];
}

/** The node flags of package.json's start script ("node --flag … bin/mailferry.js serve"). */
function startScriptFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}

const LAUNCHES: Launch[] = [
  { label: 'mailferry (npm start)', nodeFlags: startScriptFlags() },
  { label: 'mailferry (plain node)', nodeFlags: [] },
];

interface Workload {
  name: string;
  items: string;
  sessions: number;
}

const ALL_WORKLOADS: Workload[] = [
  { name: 'FETCH 1:* BODY.PEEK[]', items: '(BODY.PEEK[])', sessions: 1 },
  { name: 'FETCH 1:* (ENVELOPE FLAGS)', items: '(ENVELOPE FLAGS)', sessions: 1 },
  { name: `BODY.PEEK[], ${SESSIONS} sessions × ${COUNT / SESSIONS}`, items: '(BODY.PEEK[])', sessions: SESSIONS },
  { name: `(ENVELOPE FLAGS), ${SESSIONS} sessions × ${COUNT / SESSIONS}`, items: '(ENVELOPE FLAGS)', sessions: SESSIONS },
];
/** BENCH_WORKLOADS=1,3 runs only those (1-based), e.g. to look at one figure again */
const WORKLOADS = process.env.BENCH_WORKLOADS
  ? process.env.BENCH_WORKLOADS.split(',').map((n) => ALL_WORKLOADS[Number(n) - 1]!).filter(Boolean)
  : ALL_WORKLOADS;

/** A free loopback port (closed again before the server binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `mailferry serve` as users run it (bin/mailferry.js: the bundled sources, no tsx loader), IMAP only. */
async function startMailferry(dataDir: string, launch: Launch): Promise<Server> {
  const port = await freePort();
  const configFile = join(BENCH_DIR, 'imap-bench.yaml');
  writeFileSync(configFile, [
    `store: { dataDir: ${JSON.stringify(dataDir)} }`, 'log: { level: problems }', 'http: { port: 0 }', 'pop3: { enabled: false }',
    `imap: { port: ${port}, implicitTls: false, allowPlaintext: always, maxConnectionsPerIp: 200, connectionsPerIpPerMinute: 0 }`, '',
  ].join('\n'));
  const child: ChildProcess = spawn(process.execPath, [...launch.nodeFlags, join(REPO, 'bin', 'mailferry.js'), 'serve', '-c', configFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`mailferry serve exited with ${code}`))));
  for (let attempt = 0; ; attempt++) {
    const ready = await Promise.race([sessionOn(port, USER, PASSWORD).then((c) => (c.close(), true), () => false), exited]);
    if (ready) break;
    if (attempt > 600) throw new Error('mailferry serve did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name: launch.label, port, user: USER, pid: child.pid!,
    stop: () => new Promise((resolve) => { child.removeAllListeners('exit'); child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

async function startPeer(corpus: Awaited<ReturnType<typeof flatCorpus>>): Promise<Server> {
  const dovecot = await startDovecot({ users: [{ user: 'bench', password: PASSWORD }], extraConfig: 'mail_max_userip_connections = 200' });
  await fillDovecotInbox(dovecot.mailDir('bench'), corpus);
  const pid = Number(readFileSync(join(dovecot.dir, 'run', 'master.pid'), 'utf8').trim());
  return { name: 'Dovecot', port: dovecot.imapPort, user: 'bench', pid, stop: () => dovecot.stop() };
}

/** Runs a workload: each session fetches its slice, all at once; returns totals and the server's peak RSS. */
async function measure(server: Server, workload: Workload): Promise<FetchRun & { peakRss: number }> {
  const clients = await Promise.all(Array.from({ length: workload.sessions }, () => sessionOn(server.port, server.user, PASSWORD)));
  const per = Math.ceil(COUNT / workload.sessions);
  const rss = sampleRss(server.pid);
  const started = performance.now();
  const runs = await Promise.all(clients.map((client, i) => {
    const set = workload.sessions === 1 ? '1:*' : `${i * per + 1}:${Math.min(COUNT, (i + 1) * per)}`;
    return client.fetch(set, workload.items);
  }));
  const ms = performance.now() - started;
  const peakRss = rss.stop();
  for (const client of clients) client.close();
  const messages = runs.reduce((sum, r) => sum + r.messages, 0);
  if (messages !== COUNT) throw new Error(`${server.name} ${workload.name}: ${messages} of ${COUNT} messages answered`);
  return { messages, bytes: runs.reduce((sum, r) => sum + r.bytes, 0), ms, peakRss };
}

const corpus = await flatCorpus(BENCH_DIR, COUNT);
const dataDir = await mailferryStore(BENCH_DIR, corpus, USER, PASSWORD);
const rows: Array<{ server: string; workload: string; run: FetchRun & { peakRss: number } }> = [];
/** Two warm-up runs (caches filled: Dovecot's index and cache file, mailferry's format cache), then the median of five. */
async function runWorkload(server: Server, workload: Workload): Promise<void> {
  await measure(server, workload);
  await measure(server, workload);
  const runs: Array<FetchRun & { peakRss: number }> = [];
  for (let i = 0; i < 5; i++) runs.push(await measure(server, workload));
  runs.sort((a, b) => a.ms - b.ms);
  const run = { ...runs[2]!, peakRss: Math.max(...runs.map((r) => r.peakRss)) };
  rows.push({ server: server.name, workload: workload.name, run });
  process.stderr.write(`${server.name} ${workload.name}: ${(run.messages / (run.ms / 1000)).toFixed(0)} msg/s\n`);
}
// The machine may be shared: each workload runs on every server back to back, so the ratios compare like with
// like. mailferry starts afresh for each workload, so that its peak RSS belongs to that workload alone
// (Dovecot's sessions are processes of their own anyway).
const peer = await startPeer(corpus);
try {
  for (const workload of WORKLOADS) {
    for (const launch of LAUNCHES) {
      const server = await startMailferry(dataDir, launch);
      try {
        await runWorkload(server, workload);
      } finally {
        await server.stop();
      }
    }
    await runWorkload(peer, workload);
  }
} finally {
  await peer.stop();
}

const header = ['server', 'workload', 'messages', 'MB', 'seconds', 'msg/s', 'MB/s', 'peak RSS MB'];
const cells = rows.map(({ server, workload, run }) => {
  const seconds = run.ms / 1000;
  return [server, workload, String(run.messages), (run.bytes / MB).toFixed(1), seconds.toFixed(2),
    (run.messages / seconds).toFixed(0), (run.bytes / MB / seconds).toFixed(1), (run.peakRss / MB).toFixed(0)];
});
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]) => c.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
console.log(`\nIMAP FETCH, ${corpus.messages} messages, ${(corpus.bytes / MB).toFixed(0)} MB (loopback)\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const c of cells) console.log(line(c));
console.log('');
const dovecotRate = (workload: Workload) => {
  const run = rows.find((r) => r.server === 'Dovecot' && r.workload === workload.name)!.run;
  return run.messages / run.ms;
};
for (const launch of LAUNCHES) {
  for (const workload of WORKLOADS) {
    const ours = rows.find((r) => r.server === launch.label && r.workload === workload.name)!.run;
    const ratio = ours.messages / ours.ms / dovecotRate(workload);
    const memory = workload.sessions > 1 ? `, peak RSS ${(ours.peakRss / MB).toFixed(0)} MB (target < 200)` : '';
    console.log(`${launch.label}, ${workload.name}: ${ratio.toFixed(2)}× Dovecot's messages/s (target ≥ 0.70)${memory}`);
  }
}
