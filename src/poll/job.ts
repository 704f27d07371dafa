// One run of one poll record, from the scheduler or from `mailferry poll run`: the loop guard, the remote
// endpoint with the record's sealed password, the POP3 or IMAP transfer into the local account, and one `major`
// log line for the session — "RPOP alice@example.org/work pop.example.com:995 3 msgs 5,000 bytes 00:00:06 OK"
// (DESIGN: log levels). Remote failures do not throw: they are classified (failures.ts) for the schedule.
import type { ServerKey } from '../crypto/server-key.ts';
import type { Logger } from '../log/logger.ts';
import { pollLedgerPair, type PollFailureKind, type PollRecord } from '../store/poll-store.ts';
import type { Store } from '../store/store.ts';
import { formatDuration, SilentProgress, type Progress } from '../util/progress.ts';
import type { PollConfig } from './config.ts';
import { DeliveryFolder, emptyCounts, type DeliveryCounts } from './delivery-folder.ts';
import { classifyFailure } from './failures.ts';
import { pollImap } from './imap-poll.ts';
import { pollPop3 } from './pop3-poll.ts';
import { remoteEndpoint } from './remote-endpoint.ts';
import { formatRemoteHost } from './remote-host.ts';
import { DeliveryRouter } from './router.ts';
import { checkSelfPoll, type OwnListener } from './self-poll.ts';
import { TargetFolders } from './target-folders.ts';

export interface PollEnvironment {
  store: Store;
  serverKey: ServerKey;
  config: PollConfig;
  /** this server's POP3/IMAP listeners, for the loop guard */
  listeners: readonly OwnListener[];
  logger: Logger;
}

export interface PollRunOptions {
  progress?: Progress;
}

export interface PollRunResult {
  record: PollRecord;
  startedAt: Date;
  finishedAt: Date;
  /** messages fetched from the remote this run */
  messages: number;
  bytes: number;
  delivery: DeliveryCounts;
  /** messages deleted at the remote (--delete) */
  deleted: number;
  /** messages that could not be delivered, with the reason */
  failures: string[];
  error: string | null;
  failureKind: PollFailureKind | null;
}

const MEMORY_LIMIT = 1024 * 1024;

function thousands(value: number): string {
  return value.toLocaleString('en-US');
}

/** "RPOP alice@example.org/work pop.example.com:995 3 msgs 5,000 bytes 00:00:06 OK" */
export function sessionLine(result: PollRunResult): string {
  const { record } = result;
  const seconds = (result.finishedAt.getTime() - result.startedAt.getTime()) / 1000;
  const clock = formatDuration(seconds).split(':').map((part) => part.padStart(2, '0'));
  while (clock.length < 3) clock.unshift('00');
  const verb = record.protocol === 'pop3' ? 'RPOP' : 'RIMAP';
  const status = result.error === null ? (result.failures.length > 0 ? `OK, ${result.failures.length} failed` : 'OK') : `FAILED: ${result.error}`;
  return `${verb} ${record.account}/${record.name} ${formatRemoteHost(record.host, record.port)} ${thousands(result.messages)} msgs `
    + `${thousands(result.bytes)} bytes ${clock.join(':')} ${status}`;
}

export async function runPoll(record: PollRecord, env: PollEnvironment, options: PollRunOptions = {}): Promise<PollRunResult> {
  const logger = env.logger.child({ poll: `${record.account}/${record.name}` }) as Logger;
  const progress = options.progress ?? new SilentProgress(`${record.account}/${record.name}`);
  const result: PollRunResult = {
    record, startedAt: new Date(), finishedAt: new Date(), messages: 0, bytes: 0, delivery: emptyCounts(), deleted: 0, failures: [],
    error: null, failureKind: null,
  };
  try {
    if (!env.config.allowSelfPoll) await checkSelfPoll(record.host, record.port, env.listeners);
    const owner = await env.store.getAccountById(record.accountId);
    if (!owner) throw new Error(`local account #${record.accountId} no longer exists`);
    const source = remoteEndpoint(record, {
      serverKey: env.serverKey, logger, timeoutMs: env.config.timeoutSeconds * 1000,
      ...(env.config.sourceAddress ? { sourceAddress: env.config.sourceAddress } : {}),
    });
    const pair = pollLedgerPair(record.id);
    const report = record.protocol === 'pop3'
      ? await pollPop3({
        store: env.store, source, pair, deleteRemote: record.deleteRemote, progress, logger, memoryLimit: MEMORY_LIMIT,
        dest: new DeliveryFolder(record.mailbox ?? 'INBOX', {
          store: env.store, pair, logger, counts: result.delivery, folders: new TargetFolders(env.store, logger),
          router: new DeliveryRouter(env.store, { owner, domainWide: record.domainWide, envelopeHeader: record.envelopeHeader, mailbox: record.mailbox }, logger),
        }),
      })
      : await pollImap({
        store: env.store, source, account: owner.address, pair, root: record.mailbox ?? record.name, folders: record.folders,
        deleteRemote: record.deleteRemote, progress, logger, memoryLimit: MEMORY_LIMIT,
      });
    result.messages = report.report.folders.reduce((sum, folder) => sum + folder.copied, 0);
    result.bytes = report.report.folders.reduce((sum, folder) => sum + folder.bytes, 0);
    result.deleted = report.deleted;
    if (record.protocol === 'imap') {
      result.delivery.messages = result.messages;
      result.delivery.delivered = result.messages;
    }
    result.failures.push(...report.report.failures.map((failure) => `${failure.folder}: ${failure.item}: ${failure.reason}`));
    // a folder that could not be read at all fails the run (its messages are tried again next time)
    const broken = report.report.failures.find((failure) => failure.item === 'folder');
    if (broken) throw new Error(`${broken.folder}: ${broken.reason}`);
  } catch (error) {
    result.error = (error as Error).message;
    result.failureKind = classifyFailure(error);
  }
  result.finishedAt = new Date();
  const line = sessionLine(result);
  const fields = {
    record: `${record.account}/${record.name}`, remote: formatRemoteHost(record.host, record.port), messages: result.messages, bytes: result.bytes,
    durationMs: result.finishedAt.getTime() - result.startedAt.getTime(), delivered: result.delivery.delivered,
    duplicates: result.delivery.duplicates, discarded: result.delivery.discarded, toPostmaster: result.delivery.toPostmaster, deleted: result.deleted,
    ...(result.error ? { error: result.error, failureKind: result.failureKind } : {}),
  };
  if (result.error) logger.problems(fields, line);
  else logger.major(fields, line);
  for (const failure of result.failures) logger.problems({ record: fields.record }, failure);
  return result;
}
