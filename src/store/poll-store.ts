// Poll records (DESIGN: Jobs, Scheduler): the remote POP3/IMAP accounts each local account fetches from, with
// their schedule, their lease and what the last runs did. The scheduler leases due records with a row lease
// (an UPDATE that succeeds only while the lease is free or expired), so a crashed process's polls are taken
// up again and several nodes can share one database. Which remote messages were already fetched (the UIDL /
// UID registry) is the transfer ledger of the pair `pollLedgerPair(id)`.

export type PollProtocol = 'pop3' | 'imap';
export type PollTls = 'implicit' | 'starttls' | 'none';
export type PollAuth = 'auto' | 'user' | 'plain' | 'login' | 'cram-md5' | 'apop' | 'xoauth2';

/** What the administrator sets on a record. */
export interface PollSettings {
  protocol: PollProtocol;
  host: string;
  port: number;
  tls: PollTls;
  auth: PollAuth;
  /** the user name at the remote server */
  username: string;
  /** the remote password, sealed with the server key (src/crypto/sealed-secret.ts); never plaintext */
  sealedSecret: string;
  everySeconds: number;
  enabled: boolean;
  /** true: delete at the remote once durable here; false: leave it there (registry of what was fetched) */
  deleteRemote: boolean;
  /** store straight into this folder instead of applying the account's delivery rules */
  mailbox: string | null;
  /** IMAP: LIST pattern of the remote folders to fetch (null: all) */
  folders: string | null;
  /** catch-all: split each message to the local accounts it names */
  domainWide: boolean;
  /** catch-all: the header naming the recipients, or "*" for To/Cc/Bcc */
  envelopeHeader: string | null;
}

/** Why the last run failed, for the delay it sets: a refused login delays the account, a dead host all its accounts. */
export type PollFailureKind = 'account' | 'host' | 'temporary' | 'config';

export interface PollState {
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  failureKind: PollFailureKind | null;
  /** not polled before this time (failed-account delay) */
  failedUntil: Date | null;
  consecutiveFailures: number;
  lastMessages: number;
  lastBytes: number;
  lastDurationMs: number;
  totalMessages: number;
  totalBytes: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
}

export interface PollRecord extends PollSettings {
  id: number;
  accountId: number;
  /** the local account's address */
  account: string;
  name: string;
  createdAt: Date;
  state: PollState;
}

/** A remote host not tried again before `failedUntil`, for all its records. */
export interface PollHostState {
  host: string;
  failedUntil: Date;
  lastError: string;
}

/** The end of one run, written when its lease is given back. */
export interface PollOutcome {
  id: number;
  finishedAt: Date;
  startedAt: Date;
  messages: number;
  bytes: number;
  /** null on success */
  error: string | null;
  failureKind: PollFailureKind | null;
  /** the account is not polled before this time (set for account failures) */
  failedUntil: Date | null;
  nextRunAt: Date;
}

export interface DueQuery {
  now: Date;
  limit: number;
  /** hosts already at their connection limit: their records are not offered */
  excludeHosts?: readonly string[];
}

export interface PollStore {
  add(accountId: number, name: string, settings: PollSettings): Promise<PollRecord>;
  get(accountId: number, name: string): Promise<PollRecord | undefined>;
  getById(id: number): Promise<PollRecord | undefined>;
  /** every record, or one account's */
  list(accountId?: number): Promise<PollRecord[]>;
  /** changes settings; a new secret or re-enabling clears the failed-account delay */
  update(id: number, changes: Partial<PollSettings>): Promise<PollRecord>;
  /** removes the record and its registry */
  remove(id: number): Promise<void>;
  /** due now, out of schedule ("Try now"); clears the failed-account delay */
  runNow(id: number, now: Date): Promise<void>;
  /** records due at `now`: enabled, not leased (or lease expired), no account delay, host not delayed */
  due(query: DueQuery): Promise<PollRecord[]>;
  /** takes the lease of each record still free; returns the ids leased (conditional UPDATE … RETURNING) */
  lease(ids: readonly number[], owner: string, now: Date, expiresAt: Date): Promise<number[]>;
  /** extends leases this owner holds */
  renew(ids: readonly number[], owner: string, expiresAt: Date): Promise<void>;
  /** records outcomes and frees the leases this owner holds, in one transaction */
  finish(owner: string, outcomes: readonly PollOutcome[]): Promise<void>;
  /** finish() and lease() in ONE transaction (a scheduler's step: one commit for what ended and what starts) */
  finishAndLease(owner: string, outcomes: readonly PollOutcome[], ids: readonly number[], now: Date, expiresAt: Date): Promise<number[]>;
  /** gives leases back without a run (shutdown) */
  release(ids: readonly number[], owner: string): Promise<void>;
  failHost(host: string, until: Date, error: string): Promise<void>;
  /** hosts delayed at `now` */
  failedHosts(now: Date): Promise<PollHostState[]>;
}

/** The transfer ledger pair holding a record's registry of fetched messages. */
export function pollLedgerPair(id: number): string {
  return `poll:${id}`;
}
