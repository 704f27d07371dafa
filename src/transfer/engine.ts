// The transfer engine (DESIGN: Transfer): one copy engine for sync, poll and migrate. It connects to both
// endpoints, maps the folders, prepares every folder pair (in parallel on the workers), starts the progress
// with the planned totals, copies and finishes, then — in Gmail mode — All Mail after the label folders, and
// with `verify` reads the destination back. The ledger makes each run incremental, resumable and
// exactly-once; what failed is listed item by item in the report.
import { CredentialError } from '../endpoints/credentials.ts';
import type { Endpoint, EndpointSession } from '../endpoints/endpoint.ts';
import { mapFolders } from '../folders/folder-mapper.ts';
import type { Logger } from '../log/logger.ts';
import type { TransferLedgerStore } from '../store/transfer-ledger.ts';
import { describeSnapshot, type Progress } from '../util/progress.ts';
import { FolderJob } from './folder-job.ts';
import { RateLimiter } from './rate-limit.ts';
import { totals, type TransferReport, type VerifyFolderReport } from './report.ts';
import { RunContext } from './run-context.ts';
import type { TransferSettings } from './settings.ts';
import { verifyFolder } from './verify.ts';
import { Worker, WorkQueue, type Side } from './workers.ts';

const PLANNING_WORKERS = 2;

export class TransferSetupError extends Error {
  override name = 'TransferSetupError';
  /** true when the command line asked for something impossible (exit 2) */
  constructor(message: string, readonly usage: boolean, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface TransferDeps {
  ledger: TransferLedgerStore;
  logger: Logger;
  progress: Progress;
}

function checkEndpoints(source: Endpoint, dest: Endpoint, settings: TransferSettings): void {
  if (!dest.writable) throw new TransferSetupError(`${dest.url} cannot be written to: it can only be a source`, true);
  if (settings.twoWay && !source.writable) throw new TransferSetupError(`--two-way needs a writable source; ${source.url} can only be read`, true);
}

async function open(worker: Worker, side: Side, endpoint: Endpoint): Promise<EndpointSession> {
  try {
    return await worker.session(side);
  } catch (error) {
    const role = side === 'source' ? 'source' : 'destination';
    // a missing secret is a configuration error (exit 2); a refused login or an unreachable host is not
    throw new TransferSetupError(`${role} ${endpoint.url}: ${(error as Error).message}`, error instanceof CredentialError, { cause: error });
  }
}

export async function runTransfer(source: Endpoint, dest: Endpoint, settings: TransferSettings, deps: TransferDeps): Promise<TransferReport> {
  checkEndpoints(source, dest, settings);
  const startedAt = Date.now();
  const limiter = settings.maxBytesPerSecond ? new RateLimiter(settings.maxBytesPerSecond) : undefined;
  const run = new RunContext(settings, deps.ledger, deps.logger, deps.progress, limiter);
  const count = Math.max(1, Math.min(settings.connections, source.maxSessions ?? Infinity, dest.maxSessions ?? Infinity));
  const workers = Array.from({ length: count }, (_, id) => new Worker(id, { source, dest }));
  const queue = new WorkQueue(settings.retry, deps.logger);
  const report: TransferReport = {
    source: source.url, destination: dest.url, dryRun: settings.dryRun, folders: [], failures: run.failures, skippedFolders: [],
    droppedFlags: run.droppedFlags, durationMs: 0,
  };
  try {
    const sourceSession = await open(workers[0]!, 'source', source);
    const destSession = await open(workers[0]!, 'dest', dest);
    deps.logger.lowlevel({ source: sourceSession.capabilities, dest: destSession.capabilities }, 'endpoint capabilities');
    const map = mapFolders({
      source: { layout: await sourceSession.namespace(), folders: await sourceSession.listFolders() },
      dest: { layout: await destSession.namespace(), folders: await destSession.listFolders() },
      rules: settings.folders,
    });
    report.skippedFolders = map.skipped;
    const jobs = map.mappings.map((mapping) => new FolderJob(run, mapping, queue));
    report.folders = jobs.map((job) => job.report);
    const labels = jobs.filter((job) => job.mapping.gmail !== 'all-mail');
    const allMail = jobs.filter((job) => job.mapping.gmail === 'all-mail');

    // planning needs few connections: an unchanged mailbox should not pay for logging in on every worker
    const planners = workers.slice(0, PLANNING_WORKERS);
    for (const job of labels) queue.push(job.prepareUnit());
    await queue.drain(planners);
    const planned = labels.reduce((sum, job) => ({ messages: sum.messages + job.planned.messages, bytes: sum.bytes + job.planned.bytes }), { messages: 0, bytes: 0 });
    if (!settings.dryRun) deps.progress.note(`${planned.messages} messages (${(planned.bytes / 1024 / 1024).toFixed(1)} MB) to copy from ${labels.length} folders`);
    deps.progress.start(planned);
    for (const job of labels) job.schedule();
    await queue.drain(workers);

    if (allMail.length > 0) {
      const covered = async () => coveredByLabels(run, labels);
      for (const job of allMail) queue.push(job.prepareUnit(covered));
      await queue.drain(planners);
      for (const job of allMail) job.schedule();
      await queue.drain(workers);
    }
    if (settings.verify) report.verify = await verifyAll(run, jobs, queue, workers);
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
  report.durationMs = Date.now() - startedAt;
  const sum = totals(report);
  const snapshot = deps.progress.snapshot();
  deps.progress.finish({
    text: `${settings.dryRun ? 'planned' : 'copied'} ${sum.copied} messages (${(sum.bytes / 1024 / 1024).toFixed(1)} MB) from ${source.url} to ${dest.url} `
      + `in ${(report.durationMs / 1000).toFixed(1)} s; ${run.failures.length} failed`,
    fields: { ...sum, failures: run.failures.length, durationMs: report.durationMs, rate: describeSnapshot(snapshot) },
  });
  return report;
}

/** Gmail mode: "Message-ID NUL size" of everything the label folders hold. */
async function coveredByLabels(run: RunContext, labels: readonly FolderJob[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const job of labels) {
    for (const entry of await run.ledger.entries(run.settings.pair, job.key)) {
      if (entry.messageId) keys.add(`${entry.messageId}\u0000${entry.size}`);
    }
  }
  return keys;
}

async function verifyAll(run: RunContext, jobs: readonly FolderJob[], queue: WorkQueue, workers: readonly Worker[]): Promise<VerifyFolderReport[]> {
  const results: VerifyFolderReport[] = [];
  for (const job of jobs) {
    if (job.report.outcome === 'failed' || (run.settings.dryRun && job.mapping.create)) continue;
    queue.push({
      label: `verify ${job.mapping.logical}`,
      run: async (worker) => {
        const write = !run.settings.dryRun;
        const source = await worker.folder('source', job.key, { write: false });
        const dest = await worker.folder('dest', job.report.dest, { write });
        const entries = await run.ledger.entries(run.settings.pair, job.key);
        const destFlags = dest.writer ? run.flagFilter(job.report.dest, dest.writer.keywords) : undefined;
        results.push(await verifyFolder({ settings: run.settings, folder: job.mapping.logical, destName: job.report.dest, entries, source, dest, destFlags }));
      },
      giveUp: (error) => run.fail(job.mapping.logical, 'verify', (error as Error).message),
    });
  }
  await queue.drain(workers);
  const order = new Map(jobs.map((job, index) => [job.mapping.logical, index]));
  return results.sort((a, b) => order.get(a.folder)! - order.get(b.folder)!);
}
