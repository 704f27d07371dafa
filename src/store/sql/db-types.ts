// Row types of the tables created in schema.ts, as kysely sees them. Columns are snake_case; booleans are
// integers 0/1 and times are milliseconds since the epoch (bigint) so SQLite and PostgreSQL share one schema.
import type { Generated, Kysely } from 'kysely';

export interface StoreMetaTable {
  name: string;
  value: number;
}

export interface DomainsTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export interface AccountsTable {
  id: Generated<number>;
  address: string;
  domain_id: number;
  password_hash: string;
  created_at: number;
  disabled: number;
}

export interface AliasesTable {
  id: Generated<number>;
  source: string;
  target: string;
  domain_id: number;
  created_at: number;
}

export interface FoldersTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  uid_validity: number;
  uid_next: number;
  highest_modseq: number;
  special_use: string | null;
  subscribed: number;
  created_at: number;
  /** first UID not yet seen by any session (RFC 3501 §2.3.2 \Recent) */
  recent_uid: Generated<number>;
}

export interface MessagesTable {
  id: Generated<number>;
  folder_id: number;
  uid: number;
  modseq: number;
  seen: number;
  answered: number;
  flagged: number;
  deleted: number;
  draft: number;
  keywords: string;
  internal_date: number;
  size: number;
  sha256: string;
  message_id: string | null;
  /** MimeInfo as JSON */
  mime: string;
  /** LFs without a CR before them: the IMAP wire size is size + bare_lf */
  bare_lf: number;
}

export interface LedgerTable {
  pair: string;
  source: string;
  folder_id: number | null;
  uid: number | null;
  sha256: string | null;
  created_at: number;
  /** transfer pairs (transfer-ledger.ts): source folder and identity, destination identity, what was agreed */
  folder: string | null;
  source_id: string | null;
  dest_id: string | null;
  size: number | null;
  message_id: string | null;
  /** space-separated flags */
  flags: string | null;
}

export interface LedgerFoldersTable {
  pair: string;
  folder: string;
  dest_folder: string;
  source_uid_validity: number | null;
  dest_uid_validity: number | null;
  source_modseq: number | null;
  dest_modseq: number | null;
  source_uid_next: number | null;
  dest_uid_next: number | null;
  updated_at: number;
}

export interface LedgerPendingTable {
  id: Generated<number>;
  pair: string;
  folder: string;
  direction: string;
  origin_id: string;
  size: number;
  sha256: string;
  message_id: string | null;
  flags: string;
  target_uid_next: number | null;
  created_at: number;
}

/** Blobs whose last message went away; the garbage collector removes them once nothing refers to them. */
export interface BlobOrphansTable {
  sha256: string;
  since: number;
}

/** Poll records (poll-schema.ts): settings, schedule, lease, last results. */
export interface PollRecordsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  protocol: string;
  host: string;
  port: number;
  tls: string;
  auth: string;
  username: string;
  sealed_secret: string;
  every_seconds: number;
  enabled: number;
  delete_remote: number;
  domain_wide: number;
  mailbox: string | null;
  folders: string | null;
  envelope_header: string | null;
  created_at: number;
  updated_at: number;
  next_run_at: number;
  last_run_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  failure_kind: string | null;
  failed_until: number | null;
  consecutive_failures: Generated<number>;
  last_messages: Generated<number>;
  last_bytes: Generated<number>;
  last_duration_ms: Generated<number>;
  total_messages: Generated<number>;
  total_bytes: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: number | null;
}

export interface PollHostsTable {
  host: string;
  failed_until: number;
  last_error: string;
  updated_at: number;
}

export interface DeliveryRulesTable {
  account_id: number;
  script: string;
  updated_at: number;
}

/** Subscribed names without a folder (RFC 3501 §6.3.6). */
export interface SubscriptionsTable {
  account_id: number;
  name: string;
}

export interface Database {
  store_meta: StoreMetaTable;
  domains: DomainsTable;
  accounts: AccountsTable;
  aliases: AliasesTable;
  folders: FoldersTable;
  messages: MessagesTable;
  ledger: LedgerTable;
  ledger_folders: LedgerFoldersTable;
  ledger_pending: LedgerPendingTable;
  blob_orphans: BlobOrphansTable;
  poll_records: PollRecordsTable;
  poll_hosts: PollHostsTable;
  delivery_rules: DeliveryRulesTable;
  subscriptions: SubscriptionsTable;
}

/** A query runner: the database itself or one connection inside a transaction. */
export type Db = Kysely<Database>;
