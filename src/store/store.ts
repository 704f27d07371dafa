// The one store interface every front end and job goes through (../DESIGN: Store).
// SQLite implements it now; PostgreSQL will implement it later with the same schema and queries (kysely).
import type { Readable } from 'node:stream';
import type {
  Account, Alias, AppendInput, AppendOutcome, AppendRequest, ChangeEvent, Domain, FlagOperation, Folder, FolderSummary, LedgerKey,
  MessageFlags, MessageMeta, MessageWithMime, SpecialUse, StoredBlob,
} from './types.ts';
import type { TransferLedgerStore } from './transfer-ledger.ts';
import type { PollStore } from './poll-store.ts';
import type { DeliveryRulesStore } from './rules-store.ts';

export interface BlobWriter {
  write(chunk: Buffer): Promise<void>;
  /** fsyncs the temporary file, renames it to its sha256 name, fsyncs the directory */
  commit(): Promise<StoredBlob>;
  /** removes the temporary file; safe to call after a failure */
  abort(): Promise<void>;
}

/** Message bodies, content-addressed by sha256 (files now; encryption and PostgreSQL wrap or replace it later). */
export interface BlobStore {
  begin(): Promise<BlobWriter>;
  /** streams bytes [start, end) of a blob (whole blob when no range) */
  open(sha256: string, range?: { start: number; end: number }): Readable;
  /**
   * bytes [start, end) of a blob in one buffer: for small ranges (IMAP FETCH), cheaper than a stream; read into
   * `into` (a view of it is returned) when given and large enough
   */
  read(sha256: string, range: { start: number; end: number }, into?: Buffer): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
}

/**
 * Optional capability of a blob store on local files: a small range read synchronously. For a page-cached file
 * this costs a few microseconds where an asynchronous read costs three thread-pool round trips; IMAP FETCH uses
 * it for small bodies. Stores without it (PostgreSQL, remote) are read asynchronously.
 */
export interface SyncBlobRead {
  readSync(sha256: string, range: { start: number; end: number }, into?: Buffer): Buffer;
  /**
   * The range in pieces read synchronously into `scratch`, each a view of it valid until the next is asked
   * for: a large body streams with one buffer, no allocation per piece. Stopping early closes the file.
   */
  readChunksSync(sha256: string, range: { start: number; end: number }, scratch: Buffer): Generator<Buffer, void, undefined>;
}

export function canReadSync(blobs: BlobStore): blobs is BlobStore & SyncBlobRead {
  return typeof (blobs as Partial<SyncBlobRead>).readSync === 'function';
}

export type ChangeListener = (event: ChangeEvent) => void;

/** In-process now; PostgreSQL LISTEN/NOTIFY later. */
export interface ChangeNotifier {
  publish(event: ChangeEvent): void;
  /** listens to one account's changes; returns the unsubscribe function */
  subscribe(accountId: number, listener: ChangeListener): () => void;
}

export interface MessageQuery {
  /** inclusive UID range; omitted = all */
  uidFrom?: number;
  uidTo?: number;
  /** only messages whose modseq is greater (CONDSTORE CHANGEDSINCE) */
  changedSince?: number;
}

/** How much of a message row a listing reads (Store.messageBatches). */
export type RowShape = 'flags' | 'meta' | 'mime';
export type MessageRowOf<S extends RowShape> = S extends 'flags' ? MessageFlags : S extends 'meta' ? MessageMeta : MessageWithMime;

/** What SELECT needs of a folder, without reading whole message rows (RFC 3501 §6.3.1). */
export interface FolderIndex {
  /** every UID, ascending: the sequence-number map */
  uids: number[];
  /** the lowest UID without \Seen, or null */
  firstUnseenUid: number | null;
  /** every keyword some message carries, as spelled there */
  keywords: string[];
}

export interface Store {
  readonly blobs: BlobStore;
  readonly notifier: ChangeNotifier;
  /** per-folder state, identity map and appends in flight of sync pairs (transfer-ledger.ts) */
  readonly transferLedger: TransferLedgerStore;
  /** remote accounts polled on a schedule, their leases and results (poll-store.ts) */
  readonly polls: PollStore;
  /** each account's delivery rules (Sieve) */
  readonly rules: DeliveryRulesStore;

  addDomain(name: string): Promise<Domain>;
  getDomain(name: string): Promise<Domain | undefined>;
  listDomains(): Promise<Domain[]>;
  /** refuses while the domain still has accounts or aliases */
  removeDomain(name: string): Promise<void>;

  /** creates the account with INBOX and the standard special-use folders */
  addAccount(address: string, password: string): Promise<Account>;
  getAccount(address: string): Promise<Account | undefined>;
  getAccountById(id: number): Promise<Account | undefined>;
  listAccounts(domain?: string): Promise<Account[]>;
  setPassword(address: string, password: string): Promise<void>;
  /** the account when the password matches; undefined otherwise (constant-time compare) */
  verifyPassword(address: string, password: string): Promise<Account | undefined>;
  removeAccount(address: string): Promise<void>;

  addAlias(source: string, target: string): Promise<Alias>;
  listAliases(domain?: string): Promise<Alias[]>;
  removeAlias(source: string, target?: string): Promise<void>;
  /** local account an address delivers to, following aliases (one level, then account) */
  resolveRecipient(address: string): Promise<Account[]>;

  createFolder(accountId: number, name: string, options?: { specialUse?: SpecialUse; subscribed?: boolean }): Promise<Folder>;
  getFolder(accountId: number, name: string): Promise<Folder | undefined>;
  getFolderById(folderId: number): Promise<Folder | undefined>;
  listFolders(accountId: number): Promise<Folder[]>;
  /** folders with message counts, unseen counts and byte totals */
  summarizeFolders(accountId: number): Promise<FolderSummary[]>;
  /** renames the folder and its children; renaming INBOX moves its messages to a new folder (RFC 3501 §6.3.5) */
  renameFolder(accountId: number, from: string, to: string): Promise<void>;
  /** deletes the folder and its messages; a later folder of the same name gets a new UIDVALIDITY */
  deleteFolder(accountId: number, name: string): Promise<void>;
  /** subscribes or unsubscribes a name; one without a folder is kept as a dangling subscription (RFC 3501 §6.3.6) */
  setSubscribed(accountId: number, name: string, subscribed: boolean): Promise<void>;
  /** subscribed names that have no folder (deleted since, or not created yet) */
  listDanglingSubscriptions(accountId: number): Promise<string[]>;

  /**
   * Adds a message whose blob is already durable. One transaction: the message row, UIDNEXT and HIGHESTMODSEQ,
   * and the ledger entry if given. Returns the new message.
   */
  appendMessage(folderId: number, input: AppendInput): Promise<MessageMeta>;
  /**
   * Adds many messages whose blobs are already durable, in ONE transaction (one fsync for the lot): UIDs follow
   * the order of the requests within each folder. A request whose ledger key is already recorded (or repeated
   * in the batch) is skipped as 'duplicate'; any other failure stores none of them.
   */
  appendMessages(requests: AppendRequest[]): Promise<AppendOutcome[]>;
  /** true when the ledger already holds this source item (it was committed earlier) */
  ledgerHas(key: LedgerKey): Promise<boolean>;
  /** messages of a folder in UID order */
  listMessages(folderId: number, query?: MessageQuery): Promise<MessageMeta[]>;
  /** UIDs, first unseen and keywords of a folder: three narrow queries, no message objects */
  folderIndex(folderId: number): Promise<FolderIndex>;
  /** the same, streamed in batches so a 1,000,000-message folder stays bounded in memory */
  iterateMessages(folderId: number, query?: MessageQuery): AsyncIterable<MessageMeta>;
  /**
   * The same in arrays (up to 1,000 rows, 200 with MIME): one await per batch instead of per message, and with
   * shape 'flags' only id, UID, MODSEQ and flags are read — half the columns, for listings that need no more.
   */
  messageBatches<S extends RowShape>(folderId: number, shape: S, query?: MessageQuery): AsyncIterable<Array<MessageRowOf<S>>>;
  /** the same with ENVELOPE/BODYSTRUCTURE, read in batches (FETCH and SEARCH over ranges) */
  iterateMessagesWithMime(folderId: number, query?: MessageQuery): AsyncIterable<MessageWithMime>;
  /**
   * RFC 3501 §2.3.2 \Recent: UIDs in [from, to) arrived since any session last looked. With `claim` (SELECT) they
   * are recent for this caller only; without (EXAMINE, STATUS) nothing changes.
   */
  recentRange(folderId: number, options: { claim: boolean }): Promise<{ from: number; to: number }>;
  getMessage(folderId: number, uid: number): Promise<MessageWithMime | undefined>;
  /** messages in this folder whose raw bytes have this digest */
  findByDigest(folderId: number, sha256: string): Promise<MessageMeta[]>;
  /** changes flags, bumps MODSEQ of the messages that changed; returns them */
  updateFlags(folderId: number, uids: number[], operation: FlagOperation, flags: string[]): Promise<MessageMeta[]>;
  /** copies messages (same blobs) into another folder; returns [source uid, new uid] pairs (UIDPLUS) */
  copyMessages(fromFolderId: number, uids: number[], toFolderId: number): Promise<Array<[number, number]>>;
  /** moves messages atomically (RFC 6851 MOVE): one transaction, never in both folders nor in neither; [source uid, new uid] pairs */
  moveMessages(fromFolderId: number, uids: number[], toFolderId: number): Promise<Array<[number, number]>>;
  /** removes messages; their blobs stay until no message references them */
  expunge(folderId: number, uids: number[]): Promise<void>;

  close(): Promise<void>;
}
