// npm run bench:sync — two private Dovecots, a generated 10,000-message corpus (cached in .bench/), and in the
// same script: mailferry sync, mbsync (isync), offlineimap3 and `doveadm backup -R imapc:` (the destination INBOX
// is given the source's mailbox GUID and UIDVALIDITY first: see sync-peers.ts). For each: full copy and no-op rerun
// (messages/s, MB/s, wall seconds and peak RSS of the tool's process), then fidelity read back over IMAP
// (missing / duplicated / keyword loss / bytes changed). A last row copies a corpus holding a 100 MB message.
// Options: --messages N (default 10000), --no-peers, --tools a,b (name prefixes).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDovecot, type DovecotInstance } from '../test/helpers/dovecot.ts';
import { bigMessageCorpus, syncCorpus, type SyncCorpus } from './sync-corpus.ts';
import { fidelity, type Fidelity } from './sync-fidelity.ts';
import { BENCH_PASSWORD, BENCH_USER, mailferry, TOOLS, type Timed, type Tool } from './sync-peers.ts';

const BENCH_DIR = join(fileURLToPath(new URL('..', import.meta.url)), '.bench');
const MB = 1024 * 1024;
const USERS = [{ user: BENCH_USER, password: BENCH_PASSWORD }];

interface Row {
  tool: string;
  run: string;
  corpus: SyncCorpus;
  timed: Timed;
  fidelity?: Fidelity;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** Installs the peer tools from Debian's packages when missing (bench only; the tests need none of them). */
function ensurePeers(): void {
  const missing = [['/usr/bin/mbsync', 'isync'], ['/usr/bin/offlineimap', 'offlineimap3'], ['/usr/bin/time', 'time']].filter(([path]) => !existsSync(path!)).map(([, pkg]) => pkg!);
  if (missing.length === 0) return;
  process.stderr.write(`installing ${missing.join(' ')} from Debian…\n`);
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** A Dovecot whose bench account holds the corpus (copied in as Maildir++), indexed before anything is timed. */
async function loadedSource(corpus: SyncCorpus): Promise<DovecotInstance> {
  const server = await startDovecot({ users: USERS });
  const home = server.mailDir(BENCH_USER);
  mkdirSync(home, { recursive: true });
  execFileSync('cp', ['-a', `${corpus.root}/.`, home]);
  rmSync(join(home, 'corpus.json'));
  execFileSync('chown', ['-R', 'mail:mail', home]);
  execFileSync('doveadm', ['-c', join(server.dir, 'dovecot.conf'), 'mailbox', 'status', '-u', BENCH_USER, 'messages vsize', '*'], { stdio: 'ignore' });
  return server;
}

async function measure(tool: Tool, source: DovecotInstance, corpus: SyncCorpus, withFidelity: boolean): Promise<Row[]> {
  const dest = await startDovecot({ users: USERS });
  const work = mkdtempSync(join(tmpdir(), 'mf-bench-sync-'));
  try {
    process.stderr.write(`${tool.name}: full copy of ${corpus.messages} messages…\n`);
    const full = await tool.run(source, dest, work);
    const rerun = await tool.run(source, dest, work);
    const checked = withFidelity ? await fidelity(source, dest) : undefined;
    return [{ tool: tool.name, run: 'full copy', corpus, timed: full, fidelity: checked }, { tool: tool.name, run: 'no-op rerun', corpus, timed: rerun }];
  } catch (error) {
    process.stderr.write(`${tool.name}: ${(error as Error).message}\n`);
    return [];
  } finally {
    await dest.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function printTable(rows: readonly Row[]): void {
  const header = ['tool', 'run', 'messages', 'MB', 'seconds', 'msg/s', 'MB/s', 'peak RSS MB', 'missing', 'dup', 'kw loss', 'bytes changed'];
  const cells = rows.map((row) => {
    const copied = row.run === 'full copy' ? row.corpus : { messages: 0, bytes: 0 };
    const f = row.fidelity;
    return [
      row.tool, row.run, String(copied.messages), (copied.bytes / MB).toFixed(0), row.timed.seconds.toFixed(2),
      row.run === 'full copy' ? (copied.messages / row.timed.seconds).toFixed(0) : '-', row.run === 'full copy' ? (copied.bytes / MB / row.timed.seconds).toFixed(1) : '-',
      (row.timed.peakRssBytes / MB).toFixed(0), f ? String(f.missing) : '', f ? String(f.duplicated) : '', f ? String(f.keywordLoss) : '', f ? String(f.bytesChanged) : '',
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const render = (line: string[]) => line.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  process.stdout.write(`${render(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(render).join('\n')}\n`);
}

function rate(rows: readonly Row[], tool: string): number | undefined {
  const row = rows.find((r) => r.tool === tool && r.run === 'full copy');
  return row && row.corpus.messages / row.timed.seconds;
}

function printTargets(rows: readonly Row[], big: Row | undefined): boolean {
  const ours = rate(rows, mailferry.name)!;
  const checks: Array<[string, boolean | undefined]> = [];
  const mbsyncRate = rate(rows, 'mbsync');
  const backupRate = rate(rows, TOOLS[3]!.name);
  if (mbsyncRate) checks.push([`full copy ≥ 2× mbsync (${(ours / mbsyncRate).toFixed(2)}×)`, ours >= 2 * mbsyncRate]);
  if (backupRate) checks.push([`full copy ≥ 1.0× doveadm backup (${(ours / backupRate).toFixed(2)}×)`, ours >= backupRate]);
  const noop = rows.find((r) => r.tool === mailferry.name && r.run === 'no-op rerun');
  checks.push([`no-op rerun ≤ 1 s (${noop?.timed.seconds.toFixed(2)} s)`, noop !== undefined && noop.timed.seconds <= 1]);
  const f = rows.find((r) => r.tool === mailferry.name && r.fidelity)?.fidelity;
  checks.push([`fidelity 0/0/0 (missing ${f?.missing} / keyword loss ${f?.keywordLoss} / bytes changed ${f?.bytesChanged}, duplicated ${f?.duplicated})`,
    f !== undefined && f.missing + f.keywordLoss + f.bytesChanged + f.duplicated === 0]);
  if (big) checks.push([`peak RSS < 150 MB with a 100 MB message (${(big.timed.peakRssBytes / MB).toFixed(0)} MB)`, big.timed.peakRssBytes < 150 * MB]);
  process.stdout.write('\n');
  for (const [text, ok] of checks) process.stdout.write(`${ok ? 'OK    ' : 'MISSED'} ${text}\n`);
  return checks.every(([, ok]) => ok);
}

mkdirSync(BENCH_DIR, { recursive: true });
const withPeers = !process.argv.includes('--no-peers');
if (withPeers) ensurePeers();
const corpus = await syncCorpus(BENCH_DIR, Number(option('--messages') ?? 10_000));
const wanted = option('--tools')?.split(',');
const tools = (withPeers ? TOOLS : [mailferry]).filter((tool) => !wanted || wanted.some((prefix) => tool.name.startsWith(prefix)));
const rows: Row[] = [];
const source = await loadedSource(corpus);
try {
  for (const tool of tools) rows.push(...(await measure(tool, source, corpus, true)));
} finally {
  await source.stop();
}
let big: Row | undefined;
if (tools.includes(mailferry)) {
  const bigCorpus = await bigMessageCorpus(BENCH_DIR);
  const bigSource = await loadedSource(bigCorpus);
  try {
    [big] = (await measure(mailferry, bigSource, bigCorpus, false)).map((row) => ({ ...row, tool: `${row.tool} (100 MB message)` }));
  } finally {
    await bigSource.stop();
  }
}
printTable(big ? [...rows, big] : rows);
if (tools.includes(mailferry) && !printTargets(rows, big)) process.exitCode = 1;
