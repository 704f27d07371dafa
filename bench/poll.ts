// npm run bench:poll — two figures for remote-account polling, printed as tables:
// 1. a POP3 poll of 5,000 messages (realistic 2 KB – 2 MB mix, cached in .bench/) from a private Dovecot into a
//    local account by `mailferry poll run` (the real CLI), next to getmail6 (Maildir destination) and fetchmail
//    (LMTP into Dovecot, its usual durable set-up; needs Debian's dovecot-lmtpd) fetching the same mailbox;
//    messages/s and peak RSS from /usr/bin/time. Target: ≥ 5× the faster peer. A last row shows fetchmail's
//    download alone (BSMTP file: no mailbox, no fsync).
// 2. one scheduler cycle over 10,000 remote accounts (10,000 Dovecot users, 2 % with a few messages) with
//    processes = 50, in a child process of its own (its peak RSS alone). Target: under 60 s.
import { execFile, spawn } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addPoll } from '../src/admin/poll.ts';
import { configSchema, type Config } from '../src/config/schema.ts';
import { loadServerKey } from '../src/crypto/server-key.ts';
import { createLogger } from '../src/log/logger.ts';
import { ownListeners } from '../src/poll/listeners.ts';
import { PollScheduler } from '../src/poll/scheduler.ts';
import { Pop3Client } from '../src/pop3/client/client.ts';
import { openStore } from '../src/store/open.ts';
import { startDovecot, type DovecotInstance } from '../test/helpers/dovecot.ts';
import { makeMessage, realisticSize } from '../test/import/maildir-corpus.ts';
import { ensureBundle } from '../bin/bundle.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(REPO, '.bench');
const MESSAGES = 5_000;
const ACCOUNTS = 10_000;
const SINK = 'sink@127.0.0.1';
const LMTP_BINARY = '/usr/lib/dovecot/lmtp';
const FAST_SCRYPT = { ln: 4, r: 8, p: 1 };
// Dovecot's login and pop3 processes serve many connections each: the peer server is not what is measured
const DOVECOT_TUNING = 'service pop3-login {\n  service_count = 0\n  process_min_avail = 2\n}\nservice pop3 {\n  service_count = 0\n  client_limit = 1\n  process_limit = 200\n}\n';

interface Row { tool: string; messages: number; bytes: number; seconds: number; rssKb: number }

function config(dataDir: string, poll: Record<string, unknown> = {}): Config {
  return configSchema.parse({ store: { dataDir }, pop3: { port: 0, tlsPort: 0 }, imap: { port: 0, tlsPort: 0 }, poll });
}

/** the peers run as "nobody": getmail refuses to deliver as root, fetchmail warns */
const NOBODY = { uid: 65534, gid: 65534 };

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, as: { uid: number; gid: number } | {} = {}): Promise<{ seconds: number; rssKb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], { env, maxBuffer: 64 * 1024 * 1024, ...as }, (error, _stdout, stderr) => {
      const match = /TIME ([\d.]+) (\d+)\s*$/.exec(stderr);
      if (error || !match) return reject(new Error(`${command} failed: ${stderr.trim().split('\n').slice(-4).join(' / ') || error?.message}`));
      resolve({ seconds: Number(match[1]), rssKb: Number(match[2]), stderr });
    });
  });
}

/** 5,000 messages of a realistic size mix, generated once. */
function corpus(): { dir: string; files: string[]; bytes: number } {
  const dir = join(BENCH_DIR, `poll-pop3-${MESSAGES}`);
  const marker = join(dir, 'corpus.json');
  if (!existsSync(marker)) {
    process.stderr.write(`generating ${MESSAGES} messages in ${dir} (once)…\n`);
    mkdirSync(dir, { recursive: true });
    let bytes = 0;
    for (let i = 0; i < MESSAGES; i++) {
      const message = makeMessage(i, realisticSize());
      writeFileSync(join(dir, `${1_700_000_000 + i}.M${i}.bench`), message);
      bytes += message.length;
    }
    writeFileSync(marker, JSON.stringify({ bytes }));
  }
  const files = readdirSync(dir).filter((name) => name.endsWith('.bench'));
  return { dir, files, bytes: (JSON.parse(readFileSync(marker, 'utf8')) as { bytes: number }).bytes };
}

/** Dovecot's mail is owned by the system user "mail" (test/helpers/dovecot.ts) */
function mailOwner(): { uid: number; gid: number } {
  const fields = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('mail:'))!.split(':');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function dropMessage(dovecot: DovecotInstance, user: string, name: string, bytes: Buffer | { copyOf: string }): void {
  const owner = mailOwner();
  const path = join(dovecot.mailDir(user), 'cur', `${name}:2,`);
  if (Buffer.isBuffer(bytes)) writeFileSync(path, bytes);
  else copyFileSync(bytes.copyOf, path);
  chownSync(path, owner.uid, owner.gid);
}

/** Dovecot reads every file once on first access (sizes, UIDs): done here, not inside the first tool's time. */
async function warmUp(dovecot: DovecotInstance): Promise<void> {
  const client = await Pop3Client.connect({ host: '127.0.0.1', port: dovecot.pop3Port, tls: 'none' });
  await client.login('bench', 'pw-bench');
  await client.list();
  await client.uidl();
  await client.quit();
}

/** `mailferry poll run` as the launcher starts it; `tuned` adds --max-semi-space-size=4 (V8's young generation
 * stops growing to 3 × 16 MB, so fewer dead message buffers wait for a collection). */
async function mailferryRow(dovecot: DovecotInstance, work: string, bytes: number, tuned: boolean): Promise<Row> {
  const dataDir = join(work, tuned ? 'mailferry-tuned' : 'mailferry');
  const store = await openStore({ dataDir, scryptCost: FAST_SCRYPT });
  await store.addDomain('example.org');
  await store.addAccount('bench@example.org', 'x');
  await addPoll({ store, config: config(dataDir), logger: createLogger({ level: 'problems' }) }, 'bench@example.org', 'pop3', {
    protocol: 'pop3', host: `127.0.0.1:${dovecot.pop3Port}`, tls: 'none', user: 'bench', password: 'pw-bench',
  });
  await store.close();
  const bin = join(REPO, 'bin', 'mailferry.js');
  const env = { ...process.env, MAILFERRY_LOG_LEVEL: 'problems' };
  await timed(process.execPath, [bin, '--version'], env); // builds the bundle outside the timing
  const flags = tuned ? ['--max-semi-space-size=4'] : [];
  const run = await timed(process.execPath, [...flags, bin, '--data-dir', dataDir, 'poll', 'run', 'bench@example.org', 'pop3'], env);
  const check = await openStore({ dataDir });
  const account = (await check.getAccount('bench@example.org'))!;
  const stored = (await check.summarizeFolders(account.id)).reduce((sum, folder) => sum + folder.messages, 0);
  await check.close();
  if (stored !== MESSAGES) throw new Error(`mailferry stored ${stored} of ${MESSAGES}`);
  return { tool: tuned ? 'mailferry poll run (tuned)' : 'mailferry poll run', messages: stored, bytes, seconds: run.seconds, rssKb: run.rssKb };
}

async function getmailRow(dovecot: DovecotInstance, work: string, bytes: number): Promise<Row> {
  const dir = join(work, 'getmail');
  const maildir = join(dir, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  writeFileSync(join(dir, 'getmailrc'), [
    '[retriever]', 'type = SimplePOP3Retriever', 'server = 127.0.0.1', `port = ${dovecot.pop3Port}`, 'username = bench', 'password = pw-bench',
    '[destination]', 'type = Maildir', `path = ${maildir}/`, '[options]', 'delete = false', 'read_all = false', 'delivered_to = false', 'received = false', 'verbose = 0', '',
  ].join('\n'));
  for (const path of [dir, maildir, ...['cur', 'new', 'tmp'].map((sub) => join(maildir, sub)), join(dir, 'getmailrc')]) chownSync(path, NOBODY.uid, NOBODY.gid);
  const run = await timed('getmail', ['--getmaildir', dir, '--rcfile', 'getmailrc', '--quiet'], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, NOBODY);
  const got = readdirSync(join(maildir, 'new')).length + readdirSync(join(maildir, 'cur')).length;
  if (got !== MESSAGES) throw new Error(`getmail stored ${got} of ${MESSAGES}`);
  return { tool: 'getmail6 (Maildir)', messages: got, bytes, seconds: run.seconds, rssKb: run.rssKb };
}

/** fetchmail delivering over LMTP into Dovecot (its usual durable set-up), or into a BSMTP file (no delivery at all). */
async function fetchmailRow(dovecot: DovecotInstance, work: string, bytes: number, mode: 'lmtp' | 'bsmtp', lmtpPort: number): Promise<Row> {
  const dir = join(work, `fetchmail-${mode}`);
  mkdirSync(dir, { recursive: true });
  const rc = join(dir, 'fetchmailrc');
  const deliver = mode === 'lmtp' ? `smtphost 127.0.0.1/${lmtpPort} lmtp` : '';
  writeFileSync(rc, `set no syslog\npoll 127.0.0.1 service ${dovecot.pop3Port} protocol pop3 uidl\n  user "bench" there with password "pw-bench" is "${SINK.split('@')[0]}" here\n  keep fetchall sslproto '' ${deliver}\n`, { mode: 0o600 });
  const out = join(dir, 'out.bsmtp');
  chownSync(dir, NOBODY.uid, NOBODY.gid);
  chownSync(rc, NOBODY.uid, NOBODY.gid);
  const run = await timed('fetchmail', ['-f', rc, '--idfile', join(dir, 'ids'), ...(mode === 'bsmtp' ? ['--bsmtp', out] : []), '--silent', '--nodetach'],
    { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, FETCHMAILHOME: dir }, NOBODY);
  const got = mode === 'bsmtp'
    ? (readFileSync(out, 'latin1').match(/^MAIL FROM:/gm) ?? []).length
    : ['new', 'cur'].reduce((sum, sub) => sum + readdirSync(join(dovecot.mailDir(SINK), sub)).length, 0);
  if (got !== MESSAGES) throw new Error(`fetchmail (${mode}) delivered ${got} of ${MESSAGES}`);
  const tool = mode === 'lmtp' ? 'fetchmail → LMTP → Dovecot' : 'fetchmail → BSMTP file*';
  return { tool, messages: got, bytes, seconds: run.seconds, rssKb: run.rssKb };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function pop3Bench(work: string): Promise<void> {
  const source = corpus();
  if (!existsSync(LMTP_BINARY)) throw new Error(`${LMTP_BINARY} missing: apt-get install dovecot-lmtpd (fetchmail delivers over LMTP)`);
  const lmtpPort = await freePort();
  // Dovecot as installed, plus LMTP for fetchmail's deliveries (to the user "sink@127.0.0.1", as fetchmail
  // names it); getmail's fetches stall against Dovecot's high-performance login mode, so no tuning here
  const dovecot = await startDovecot({
    users: [{ user: 'bench', password: 'pw-bench' }, { user: SINK, password: 'pw-sink' }],
    extraConfig: `protocols = imap pop3 lmtp\nservice lmtp {\n  inet_listener lmtp {\n    address = 127.0.0.1\n    port = ${lmtpPort}\n  }\n}\n`,
  });
  try {
    for (const name of source.files) dropMessage(dovecot, 'bench', name, { copyOf: join(source.dir, name) });
    await warmUp(dovecot);
    const rows = [
      await mailferryRow(dovecot, work, source.bytes, false), await mailferryRow(dovecot, work, source.bytes, true),
      await getmailRow(dovecot, work, source.bytes), await fetchmailRow(dovecot, work, source.bytes, 'lmtp', lmtpPort),
      await fetchmailRow(dovecot, work, source.bytes, 'bsmtp', lmtpPort),
    ];
    const fasterPeer = Math.min(rows[2]!.seconds, rows[3]!.seconds);
    process.stdout.write(`\nPOP3 poll of ${MESSAGES} messages (${(source.bytes / 1024 / 1024).toFixed(0)} MB) from Dovecot on loopback into a local mailbox\n`);
    process.stdout.write(table(['tool', 'messages', 'seconds', 'msg/s', 'MB/s', 'peak RSS MB', 'speed vs faster delivering peer'], rows.map((row) => [
      row.tool, String(row.messages), row.seconds.toFixed(2), (row.messages / row.seconds).toFixed(0), (row.bytes / 1024 / 1024 / row.seconds).toFixed(1),
      (row.rssKb / 1024).toFixed(0), `${(fasterPeer / row.seconds).toFixed(2)}×`,
    ])) + '\n');
    process.stdout.write('* fetchmail\'s download alone: messages appended to one file, no mailbox, no fsync — not a delivery\n');
  } finally {
    await dovecot.stop();
  }
}

async function cycleBench(work: string): Promise<void> {
  const users = Array.from({ length: ACCOUNTS }, (_, i) => ({ user: `u${i}`, password: `pw-u${i}` }));
  const dovecot = await startDovecot({ users, extraConfig: DOVECOT_TUNING, startTimeoutMs: 60_000 });
  try {
    const dataDir = join(work, 'cycle');
    const store = await openStore({ dataDir, scryptCost: FAST_SCRYPT });
    const context = { store, config: config(dataDir), logger: createLogger({ level: 'problems' }) };
    await store.addDomain('example.org');
    const setup = Date.now();
    let withMail = 0;
    for (let local = 0; local < ACCOUNTS / 10; local++) {
      await store.addAccount(`local${local}@example.org`, 'x');
      for (let j = 0; j < 10; j++) {
        const i = local * 10 + j;
        await addPoll(context, `local${local}@example.org`, `r${j}`, {
          protocol: 'pop3', host: `127.0.0.1:${dovecot.pop3Port}`, tls: 'none', user: `u${i}`, password: `pw-u${i}`,
        });
        if (i % 50 === 0) {
          withMail++;
          for (let m = 0; m < 3; m++) dropMessage(dovecot, `u${i}`, `${i}.${m}.bench`, makeMessage(i * 10 + m, 4000));
        }
      }
    }
    await store.close();
    process.stderr.write(`cycle set-up: ${ACCOUNTS} records in ${((Date.now() - setup) / 1000).toFixed(0)} s\n`);
    const child = await ensureBundle('bench/poll.ts');
    const result = await new Promise<{ polls: number; failed: number; messages: number; seconds: number; rssKb: number; cpuSeconds: number }>((resolve, reject) => {
      const proc = spawn(process.execPath, [...(process.env.POLL_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.POLL_BENCH_PROF] : []), child, '--cycle-child', dataDir], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, UV_THREADPOOL_SIZE: '16' } });
      let out = '';
      proc.stdout.on('data', (chunk) => (out += chunk));
      proc.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`cycle child exited ${code}`))));
    });
    process.stdout.write(`\nScheduler cycle: ${ACCOUNTS} POP3 records on one Dovecot (${withMail} with 3 messages, the rest empty), processes = 50\n`);
    process.stdout.write(table(['records', 'polls run', 'failed', 'messages', 'seconds', 'polls/s', 'CPU s', 'peak RSS MB', 'target'], [[
      String(ACCOUNTS), String(result.polls), String(result.failed), String(result.messages), result.seconds.toFixed(1),
      (result.polls / result.seconds).toFixed(0), result.cpuSeconds.toFixed(1), (result.rssKb / 1024).toFixed(0), result.seconds < 60 ? '< 60 s: met' : '< 60 s: MISSED',
    ]]) + '\n');
  } finally {
    await dovecot.stop();
  }
}

async function cycleChild(dataDir: string): Promise<void> {
  const store = await openStore({ dataDir });
  const pollConfig = config(dataDir, { processes: 50, perHost: 50 });
  let failed = 0;
  let messages = 0;
  const scheduler = new PollScheduler({
    store, serverKey: await loadServerKey(dataDir), config: pollConfig.poll, listeners: ownListeners(pollConfig), logger: createLogger({ level: 'problems' }),
  }, { onResult: (result) => { if (result.error) failed++; messages += result.messages; } });
  const started = Date.now();
  const polls = await scheduler.drain();
  const seconds = (Date.now() - started) / 1000;
  await scheduler.stop();
  await store.close();
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({ polls, failed, messages, seconds, rssKb: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
}

if (process.argv[2] === '--cycle-child') {
  await cycleChild(process.argv[3]!);
} else {
  const work = await mkdtemp(join(tmpdir(), 'mf-bench-poll-'));
  await chmod(work, 0o755); // the peers run as nobody below it
  try {
    if (!process.argv.includes('--no-pop3')) await pop3Bench(work);
    if (!process.argv.includes('--no-cycle')) await cycleBench(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
