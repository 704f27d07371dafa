// Poll records for the CLI, REST and web admin: add, list, change, remove, and run one now ("Try now"). The
// remote password is sealed with the server key before it reaches the store and never comes back out; the
// loop guard refuses records pointing at this server's own listeners (unless poll.allowSelfPoll).
import type { Config } from '../config/schema.ts';
import { sealSecret } from '../crypto/sealed-secret.ts';
import { loadServerKey, type ServerKey } from '../crypto/server-key.ts';
import type { Logger } from '../log/logger.ts';
import { runPoll, type PollRunResult } from '../poll/job.ts';
import { ownListeners } from '../poll/listeners.ts';
import { outcomeOf } from '../poll/outcome.ts';
import { parseRemoteHost, RemoteHostError } from '../poll/remote-host.ts';
import { remoteUrl, secretOwner } from '../poll/remote-endpoint.ts';
import { isDeadLocalOwner, leaseOwner } from '../poll/scheduler.ts';
import { DEFAULT_EVERY_SECONDS, formatEvery, parseEvery, ScheduleError } from '../poll/schedule.ts';
import { checkSelfPoll, SelfPollError } from '../poll/self-poll.ts';
import type { PollAuth, PollHostState, PollProtocol, PollRecord, PollSettings, PollTls } from '../store/poll-store.ts';
import type { Store } from '../store/store.ts';
import type { Progress } from '../util/progress.ts';
import { AdminError } from './errors.ts';
import { requireAccount } from './lookup.ts';

export interface PollAdminContext {
  store: Store;
  config: Pick<Config, 'store' | 'pop3' | 'imap' | 'poll'>;
  logger: Logger;
}

/** What the administrator typed; absent fields keep their value (set) or take the default (add). */
export interface PollInput {
  protocol?: PollProtocol;
  /** "host" or "host:port" */
  host?: string;
  tls?: PollTls;
  user?: string;
  password?: string;
  auth?: PollAuth;
  every?: string;
  enabled?: boolean;
  /** true: --delete; false: --leave */
  deleteRemote?: boolean;
  mailbox?: string | null;
  folders?: string | null;
  domainWide?: boolean;
  envelopeHeader?: string | null;
}

/** A record as people see it: never the password. */
export interface PollView {
  account: string;
  name: string;
  remote: string;
  schedule: string;
  mode: 'leave' | 'delete';
  delivery: string;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  nextRunAt: Date;
  /** failed-account delay */
  accountDelayedUntil: Date | null;
  /** failed-host delay of its host */
  hostDelayedUntil: Date | null;
  running: boolean;
  last: { messages: number; bytes: number; durationMs: number };
  totals: { messages: number; bytes: number };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
const POP3_AUTH: readonly PollAuth[] = ['auto', 'user', 'plain', 'login', 'cram-md5', 'apop', 'xoauth2'];
const IMAP_AUTH: readonly PollAuth[] = ['auto', 'plain', 'login', 'xoauth2'];

function describeDelivery(record: PollSettings): string {
  const where = record.mailbox !== null ? `into ${record.mailbox}` : record.protocol === 'imap' ? 'mirrored' : 'by the rules';
  return record.domainWide ? `catch-all by ${record.envelopeHeader === '*' ? 'To/Cc/Bcc' : record.envelopeHeader}, ${where}` : where;
}

export function viewOf(record: PollRecord, hosts: readonly PollHostState[], now = new Date()): PollView {
  const host = hosts.find((state) => state.host === record.host);
  const { state } = record;
  return {
    account: record.account, name: record.name, remote: remoteUrl(record),
    schedule: record.enabled ? `every ${formatEvery(record.everySeconds)}` : 'disabled',
    mode: record.deleteRemote ? 'delete' : 'leave', delivery: describeDelivery(record),
    lastRunAt: state.lastRunAt, lastSuccessAt: state.lastSuccessAt, lastError: state.lastError, lastErrorAt: state.lastErrorAt,
    nextRunAt: state.nextRunAt,
    accountDelayedUntil: state.failedUntil && state.failedUntil > now ? state.failedUntil : null,
    hostDelayedUntil: host ? host.failedUntil : null,
    running: state.leaseExpiresAt !== null && state.leaseExpiresAt > now,
    last: { messages: state.lastMessages, bytes: state.lastBytes, durationMs: state.lastDurationMs },
    totals: { messages: state.totalMessages, bytes: state.totalBytes },
  };
}

function checkName(name: string): void {
  if (!NAME.test(name)) throw new AdminError('invalid', `"${name}" is not a valid record name (letters, digits, ".", "_", "-"; up to 64)`);
}

function invalid(error: unknown): never {
  if (error instanceof ScheduleError || error instanceof RemoteHostError || error instanceof SelfPollError) throw new AdminError('invalid', error.message);
  throw error;
}

/** The settings after applying `input` to `base` (a new record's defaults, or the stored record). */
function merge(base: PollSettings, input: PollInput, sealed: string | undefined): PollSettings {
  const protocol = input.protocol ?? base.protocol;
  const tls = input.tls ?? base.tls;
  let { host, port } = base;
  try {
    if (input.host !== undefined) ({ host, port } = parseRemoteHost(input.host, protocol, tls));
  } catch (error) {
    invalid(error);
  }
  let everySeconds = base.everySeconds;
  try {
    if (input.every !== undefined) everySeconds = parseEvery(input.every);
  } catch (error) {
    invalid(error);
  }
  const settings: PollSettings = {
    protocol, host, port, tls, auth: input.auth ?? base.auth, username: input.user ?? base.username, sealedSecret: sealed ?? base.sealedSecret,
    everySeconds, enabled: input.enabled ?? base.enabled, deleteRemote: input.deleteRemote ?? base.deleteRemote,
    mailbox: input.mailbox !== undefined ? input.mailbox : base.mailbox, folders: input.folders !== undefined ? input.folders : base.folders,
    domainWide: input.domainWide ?? base.domainWide,
    envelopeHeader: input.envelopeHeader !== undefined ? input.envelopeHeader : base.envelopeHeader,
  };
  validate(settings);
  return settings;
}

function validate(settings: PollSettings): void {
  if (!settings.host) throw new AdminError('invalid', 'the remote host is missing (--host pop.example.com[:port])');
  if (!settings.username) throw new AdminError('invalid', 'the remote user name is missing (--user NAME)');
  const allowed = settings.protocol === 'pop3' ? POP3_AUTH : IMAP_AUTH;
  if (!allowed.includes(settings.auth)) throw new AdminError('invalid', `--auth ${settings.auth} is not available over ${settings.protocol.toUpperCase()} (${allowed.join(', ')})`);
  if (settings.folders !== null && settings.protocol !== 'imap') throw new AdminError('invalid', '--folders is a LIST pattern of remote IMAP folders: it needs --protocol imap');
  if (settings.domainWide) {
    if (settings.protocol !== 'pop3') throw new AdminError('invalid', '--domain-wide splits a provider catch-all mailbox fetched over POP3: use --protocol pop3');
    if (settings.envelopeHeader === null) {
      throw new AdminError('invalid', '--domain-wide needs --envelope-header NAME (X-Envelope-To, X-Real-To, Delivered-To…) or \'*\' for To/Cc/Bcc');
    }
  }
  if (settings.envelopeHeader !== null) {
    if (!settings.domainWide) throw new AdminError('invalid', '--envelope-header only applies to a --domain-wide record');
    if (settings.envelopeHeader !== '*' && !HEADER_NAME.test(settings.envelopeHeader)) throw new AdminError('invalid', `"${settings.envelopeHeader}" is not a header name`);
  }
  if (settings.mailbox !== null && settings.mailbox.trim() === '') throw new AdminError('invalid', '--mailbox needs a folder name');
}

async function guard(context: PollAdminContext, settings: PollSettings): Promise<void> {
  if (context.config.poll.allowSelfPoll) return;
  try {
    await checkSelfPoll(settings.host, settings.port, ownListeners(context.config));
  } catch (error) {
    invalid(error);
  }
}

function serverKey(context: PollAdminContext): Promise<ServerKey> {
  return loadServerKey(context.config.store.dataDir);
}

async function requireRecord(context: PollAdminContext, account: string, name: string): Promise<PollRecord> {
  const owner = await requireAccount(context.store, account);
  const record = await context.store.polls.get(owner.id, name);
  if (!record) throw new AdminError('not_found', `${owner.address} has no poll record "${name}"`, `see them with: mailferry poll list ${owner.address}`);
  return record;
}

export async function addPoll(context: PollAdminContext, account: string, name: string, input: PollInput): Promise<PollView> {
  checkName(name);
  const owner = await requireAccount(context.store, account);
  if (await context.store.polls.get(owner.id, name)) throw new AdminError('exists', `${owner.address} already has a poll record "${name}"`);
  if (input.protocol === undefined) throw new AdminError('invalid', 'the protocol is missing (--protocol pop3|imap)');
  if (input.host === undefined) throw new AdminError('invalid', 'the remote host is missing (--host pop.example.com[:port])');
  if (input.password === undefined || input.password === '') throw new AdminError('invalid', 'the remote password is missing (--password-file FILE)');
  const defaults: PollSettings = {
    protocol: input.protocol, host: '', port: 0, tls: 'implicit', auth: 'auto', username: '', sealedSecret: '', everySeconds: DEFAULT_EVERY_SECONDS,
    enabled: true, deleteRemote: false, mailbox: null, folders: null, domainWide: false, envelopeHeader: null,
  };
  const sealed = sealSecret(await serverKey(context), input.password, secretOwner(owner.address, name));
  const settings = merge(defaults, input, sealed);
  await guard(context, settings);
  const record = await context.store.polls.add(owner.id, name, settings);
  return viewOf(record, []);
}

export async function listPolls(context: PollAdminContext, account?: string): Promise<{ records: PollView[]; hosts: PollHostState[] }> {
  const owner = account === undefined ? undefined : await requireAccount(context.store, account);
  const hosts = await context.store.polls.failedHosts(new Date());
  const records = await context.store.polls.list(owner?.id);
  return { records: records.map((record) => viewOf(record, hosts)), hosts };
}

export async function setPoll(context: PollAdminContext, account: string, name: string, input: PollInput): Promise<PollView> {
  const record = await requireRecord(context, account, name);
  const sealed = input.password === undefined ? undefined : sealSecret(await serverKey(context), input.password, secretOwner(record.account, record.name));
  const settings = merge(record, input, sealed);
  if (input.host !== undefined || input.protocol !== undefined) await guard(context, settings);
  const updated = await context.store.polls.update(record.id, settings);
  return viewOf(updated, await context.store.polls.failedHosts(new Date()));
}

export async function removePoll(context: PollAdminContext, account: string, name: string): Promise<string> {
  const record = await requireRecord(context, account, name);
  await context.store.polls.remove(record.id);
  return `${record.account}/${record.name}`;
}

/**
 * Polls one record now, in this process ("Try now"), holding its lease so a running scheduler does not poll it
 * at the same time; its results and schedule are updated as if the scheduler had run it.
 */
export async function runPollNow(context: PollAdminContext, account: string, name: string, progress?: Progress): Promise<PollRunResult> {
  const record = await requireRecord(context, account, name);
  const { store, config } = context;
  const owner = leaseOwner();
  const now = new Date();
  const expires = new Date(now.getTime() + config.poll.leaseSeconds * 1000);
  let leased = await store.polls.lease([record.id], owner, now, expires);
  if (leased.length === 0 && isDeadLocalOwner(record.state.leaseOwner)) {
    // the process holding the lease was killed: its poll is not running, take it over
    await store.polls.release([record.id], record.state.leaseOwner!);
    leased = await store.polls.lease([record.id], owner, now, expires);
  }
  if (leased.length === 0) {
    throw new AdminError('conflict', `${record.account}/${record.name} is being polled right now (by ${record.state.leaseOwner ?? 'another process'})`, 'try again when it has finished');
  }
  let result: PollRunResult | undefined;
  // a long first poll outlives one lease: keep it while the poll runs, as the scheduler does
  const renew = setInterval(() => {
    store.polls.renew([record.id], owner, new Date(Date.now() + config.poll.leaseSeconds * 1000)).catch(() => undefined);
  }, (config.poll.leaseSeconds * 1000) / 3);
  renew.unref();
  try {
    result = await runPoll(record, {
      store, serverKey: await serverKey(context), config: config.poll, listeners: ownListeners(config), logger: context.logger,
    }, progress ? { progress } : {});
  } finally {
    clearInterval(renew);
    if (result) {
      const { outcome, hostFailure } = outcomeOf(result, config.poll);
      if (hostFailure) await store.polls.failHost(hostFailure.host, hostFailure.until, hostFailure.error);
      await store.polls.finish(owner, [outcome]);
    } else {
      await store.polls.release([record.id], owner);
    }
  }
  return result;
}
