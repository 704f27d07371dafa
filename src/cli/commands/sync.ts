// mailferry sync SRC DST — imapsync's job through the transfer engine: incremental, resumable, exactly once,
// with a progress bar, a summary table, every failure listed, and --verify as the migration certificate.
// Exit 0 = all copied (and verified), 1 = some items failed or differ, 2 = usage or configuration error.
import type { Command } from 'commander';
import { credentialProvider } from '../../endpoints/credential-sources.ts';
import { CredentialError } from '../../endpoints/credentials.ts';
import { EndpointUrlError, type EndpointSpec } from '../../endpoints/parse-url.ts';
import type { FolderMode } from '../../folders/folder-mapper.ts';
import { FolderRuleError, parseMapRule } from '../../folders/name-rules.ts';
import { log } from '../../log/logger.ts';
import { runTransfer, TransferSetupError } from '../../transfer/engine.ts';
import { openPair, type PairSide } from '../../transfer/open-pair.ts';
import { succeeded, verifyDiffers, type TransferReport } from '../../transfer/report.ts';
import { DEFAULT_DELIVERY_BUDGET, DEFAULT_MEMORY_LIMIT, DEFAULT_RETRY, syncPair, type TransferSettings } from '../../transfer/settings.ts';
import { createProgress } from '../../util/progress.ts';
import { withStore } from '../context.ts';
import { CliError, UsageError } from '../errors.ts';
import { withExamples } from '../help.ts';
import { humanBytes, formatTable, printJson } from '../output.ts';
import { passwordFromFile } from '../password.ts';

interface SyncOptions {
  twoWay?: boolean;
  delete?: boolean;
  include: string[];
  exclude: string[];
  map: string[];
  mode: FolderMode;
  normalizeNames?: boolean;
  since?: string;
  maxSize?: string;
  dryRun?: boolean;
  verify?: boolean;
  maxBytesPerSecond?: string;
  connections: string;
  srcPasswordFile?: string;
  dstPasswordFile?: string;
  srcOauthTokenCmd?: string;
  dstOauthTokenCmd?: string;
  insecure?: boolean;
  allowPlaintext?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const MODES: readonly FolderMode[] = ['standard', 'gmail', 'inbox-prefix'];
const FAILURES_SHOWN = 50;

/** "10M", "500k", "2G" or plain bytes */
function parseBytes(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!match) throw new UsageError(`${option} ${text}: expected a size such as 5000000, 500k, 10M or 1G`);
  const factor = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]) * factor);
}

function parseDate(text: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--since ${text}: expected a date such as 2024-01-31`);
  return date;
}

/** One line from the terminal with echo off. */
function promptHidden(label: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new CredentialError('no password, and no terminal to ask for it on');
  process.stderr.write(`Password for ${label}: `);
  return new Promise((resolve, reject) => {
    let line = '';
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const done = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new CliError('password entry aborted'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else if (char >= ' ') line += char;
      }
    };
    input.on('data', onData);
  });
}

function settingsOf(options: SyncOptions, sourceUrl: string, destUrl: string): TransferSettings {
  if (!MODES.includes(options.mode)) throw new UsageError(`--mode ${options.mode}: expected ${MODES.join(', ')}`);
  const connections = Number(options.connections);
  if (!Number.isInteger(connections) || connections < 1 || connections > 64) throw new UsageError(`--connections ${options.connections}: expected 1 to 64`);
  return {
    pair: syncPair(sourceUrl, destUrl),
    folders: { mode: options.mode, include: options.include, exclude: options.exclude, maps: options.map.map(parseMapRule) },
    twoWay: Boolean(options.twoWay), propagateDeletes: Boolean(options.delete), dryRun: Boolean(options.dryRun), verify: Boolean(options.verify),
    ...(options.since ? { since: parseDate(options.since) } : {}),
    ...(options.maxSize ? { maxSize: parseBytes(options.maxSize, '--max-size') } : {}),
    ...(options.maxBytesPerSecond ? { maxBytesPerSecond: parseBytes(options.maxBytesPerSecond, '--max-bytes-per-second') } : {}),
    connections, normalizeNames: Boolean(options.normalizeNames), retry: DEFAULT_RETRY, memoryLimit: DEFAULT_MEMORY_LIMIT,
    deliveryBudget: DEFAULT_DELIVERY_BUDGET,
  };
}

function printReport(report: TransferReport): void {
  const verb = report.dryRun ? 'would copy' : 'copied';
  process.stdout.write(formatTable(report.folders, [
    { header: 'folder', value: (f) => f.folder },
    { header: 'destination', value: (f) => f.dest },
    { header: verb, value: (f) => f.copied, align: 'right' },
    { header: 'size', value: (f) => humanBytes(f.bytes), align: 'right' },
    { header: 'back', value: (f) => f.copiedBack, align: 'right' },
    { header: 'flags', value: (f) => f.flagsToDest + f.flagsToSource, align: 'right' },
    { header: 'removed', value: (f) => f.removedAtDest + f.removedAtSource, align: 'right' },
    { header: 'skipped', value: (f) => f.skipped, align: 'right' },
    { header: 'failed', value: (f) => f.failed, align: 'right' },
    { header: 'result', value: (f) => f.outcome + (f.note ? ` (${f.note})` : '') },
  ]));
  for (const failure of report.failures.slice(0, FAILURES_SHOWN)) process.stdout.write(`failed: ${failure.folder}: ${failure.item}: ${failure.reason}\n`);
  if (report.failures.length > FAILURES_SHOWN) process.stdout.write(`… and ${report.failures.length - FAILURES_SHOWN} more failures\n`);
  for (const dropped of report.droppedFlags) process.stdout.write(`not stored: flag ${dropped.flag} in ${dropped.folder}: ${dropped.reason}\n`);
  if (report.verify) {
    process.stdout.write(`\nverification (destination read back):\n${formatTable(report.verify, [
      { header: 'folder', value: (v) => v.folder },
      { header: 'source', value: (v) => v.source, align: 'right' },
      { header: 'destination', value: (v) => v.destination, align: 'right' },
      { header: 'missing', value: (v) => v.missing, align: 'right' },
      { header: 'extra', value: (v) => v.extra, align: 'right' },
      { header: 'mismatched', value: (v) => v.mismatched, align: 'right' },
      { header: 'rewritten', value: (v) => v.rewritten, align: 'right' },
      { header: 'skipped', value: (v) => v.skipped, align: 'right' },
    ])}`);
    for (const folder of report.verify.filter(verifyDiffers)) for (const line of folder.details) process.stdout.write(`  ${folder.folder}: ${line}\n`);
  }
  process.stdout.write(succeeded(report) ? `sync ${report.dryRun ? 'planned' : 'complete'}: ${report.source} → ${report.destination}\n`
    : `sync finished with problems: ${report.failures.length} failed item(s)${report.verify?.some(verifyDiffers) ? ', verification found differences' : ''}\n`);
}

async function sync(source: string, destination: string, options: SyncOptions, command: Command): Promise<void> {
  const report = await withStore(command, async (store) => {
    if (options.insecure) log.problems('TLS certificate verification is OFF (--insecure): the peer is not authenticated');
    const sources = (side: PairSide, spec: EndpointSpec) => credentialProvider({
      tokenCommand: side === 'src' ? options.srcOauthTokenCmd : options.dstOauthTokenCmd,
      passwordFile: side === 'src' ? options.srcPasswordFile : options.dstPasswordFile,
      environment: side === 'src' ? 'MAILFERRY_SRC_PASSWORD' : 'MAILFERRY_DST_PASSWORD',
      fileOption: `--${side}-password-file`, label: spec.url, readFile: passwordFromFile, prompt: process.stdin.isTTY ? promptHidden : undefined,
    });
    let pair;
    let settings;
    try {
      pair = openPair(source, destination, { store, credentials: sources, insecure: options.insecure, allowPlaintext: options.allowPlaintext, logger: log });
      settings = settingsOf(options, pair.source.url, pair.dest.url);
    } catch (error) {
      if (error instanceof EndpointUrlError || error instanceof FolderRuleError) throw new UsageError(error.message);
      throw error;
    }
    try {
      return await runTransfer(pair.source, pair.dest, settings, { ledger: store.transferLedger, logger: log, progress: createProgress('sync') });
    } catch (error) {
      if (error instanceof TransferSetupError) throw error.usage ? new UsageError(error.message) : new CliError(error.message);
      throw error;
    }
  });
  if (options.json) printJson(report);
  else printReport(report);
  if (!succeeded(report)) process.exitCode = 1;
}

export function register(program: Command): void {
  withExamples(
    program
      .command('sync')
      .description('copy mail from SRC to DST and keep them aligned (imapsync\'s job): incremental, resumable, exactly once. '
        + 'Endpoints: imap://user@host[:port], imaps://…, pop3://…, pop3s://… (source only), local:user@domain, maildir:/path, mbox:/path (source only). '
        + 'Exit 0 = all copied, 1 = some items failed (listed), 2 = usage or configuration error.')
      .argument('<source>', 'where mail comes from')
      .argument('<destination>', 'where it goes')
      .option('--two-way', 'new messages, flag changes (and with --delete, removals) travel both ways; flags changed on both sides are merged')
      .option('--delete', 'a message removed on one side since the last run is removed on the other')
      .option('--include <glob>', 'only folders matching (on the "/"-separated name; * any, % any but /); repeatable', collect, [])
      .option('--exclude <glob>', 'leave out folders matching; repeatable', collect, [])
      .option('--map <rule>', "rename folders: 'REGEX=>REPLACEMENT' on the \"/\"-separated name; repeatable, first match wins", collect, [])
      .option('--mode <mode>', 'standard, gmail ([Gmail]/All Mail is the source of truth, labels become folders) or inbox-prefix', 'standard')
      .option('--normalize-names', 'retry a folder name the destination refuses in plain ASCII (the mapping is logged)')
      .option('--since <date>', 'only messages received on or after this date (YYYY-MM-DD)')
      .option('--max-size <bytes>', 'skip messages larger than this (e.g. 25M); they are counted as skipped')
      .option('--dry-run', 'show what would be done; change nothing')
      .option('--verify', 'read the destination back and compare sha256, flags and INTERNALDATE; non-zero exit on any difference')
      .option('--max-bytes-per-second <n>', 'limit the transfer rate (e.g. 5M)')
      .option('--connections <n>', 'parallel connections to each side (folders and big folders\' chunks in parallel)', '6')
      .option('--src-password-file <file>', 'the source password (else $MAILFERRY_SRC_PASSWORD, else a prompt)')
      .option('--dst-password-file <file>', 'the destination password (else $MAILFERRY_DST_PASSWORD, else a prompt)')
      .option('--src-oauth-token-cmd <command>', 'prints an OAuth2 bearer token for the source (XOAUTH2/OAUTHBEARER); run again when it expires')
      .option('--dst-oauth-token-cmd <command>', 'the same for the destination')
      .option('--insecure', 'accept a TLS certificate that does not verify (self-signed); said loudly in the log')
      .option('--allow-plaintext', 'log in without encryption when a server offers no STARTTLS')
      .option('--json', 'print the report as JSON')
      .action(sync),
    'mailferry sync imaps://alice@old.example.org imaps://alice@new.example.org --src-password-file old.pw --dst-password-file new.pw',
    'MAILFERRY_SRC_PASSWORD=… mailferry sync imaps://bob@imap.gmail.com local:bob@example.org --mode gmail --verify',
    'mailferry sync maildir:/var/mail/carol imap://carol@localhost --exclude "Trash" --map "^Old/(.*)=>Archive/$1" --dry-run',
  );
}
