// Endpoints (DESIGN: Endpoint): anything mail can be read from or written to, named by a URL. The transfer
// engine sees only these interfaces; protocol details stay inside each endpoint. What an endpoint can do
// beyond reading is said once, by the optional members of a folder handle (`writer`, `changes`) and by the
// capability list of its session (STYLE: optional capabilities as small interfaces).
import type { TransferEntry } from '../store/transfer-ledger.ts';
import type { SpecialUse } from '../store/types.ts';

export type { SpecialUse };

export type EndpointKind = 'imap' | 'pop3' | 'local' | 'maildir' | 'mbox';

/** What a session offers; the protocol extensions are reported in summaries and chosen from by the engine. */
export interface EndpointCapabilities {
  /** messages can be added, folders created */
  write: boolean;
  /** flags and keywords can be changed after delivery */
  flags: boolean;
  /** messages can be removed */
  remove: boolean;
  /** folder hierarchy (POP3 has one INBOX only) */
  folders: boolean;
  /** protocol extensions in use: CONDSTORE, QRESYNC, MOVE, UIDPLUS, MULTIAPPEND, LITERAL+, BINARY … */
  extensions: string[];
}

export interface FolderInfo {
  /** the full name at this endpoint, Unicode, with the endpoint's own hierarchy delimiter */
  name: string;
  /** hierarchy delimiter, null for a flat namespace */
  delimiter: string | null;
  specialUse: SpecialUse | null;
  /** false for a hierarchy node that holds no messages (\Noselect) */
  selectable: boolean;
}

/** The personal namespace: names below `prefix` ("INBOX." on Courier-style servers, "" elsewhere). */
export interface NamespaceLayout {
  prefix: string;
  delimiter: string | null;
  /** characters a folder name part may not hold here, besides the delimiter and control characters */
  forbidden?: string;
}

/** One message as a folder listing shows it. */
export interface MessageIdentity {
  /** identity within the folder: a UID in decimal, a Maildir unique name, a POP3 UIDL */
  id: string;
  /** the UID when the endpoint has UIDs */
  uid?: number;
  size: number;
  flags: string[];
  internalDate: Date | null;
  /** Message-ID when listed with `withMessageId` (null: the message has none) */
  messageId?: string | null;
  modseq?: number;
  /** digest when the endpoint knows it without reading (the local store) */
  sha256?: string;
}

/** The bytes of one message as a folder reads them: in memory, or a stream to read once. */
export interface ReadMessage {
  identity: MessageIdentity;
  bytes: Buffer | AsyncIterable<Buffer>;
  /** digest when the endpoint knows it without reading (content-addressed store) */
  sha256?: string;
  /** opens the bytes again (files, blobs): lets the engine avoid spooling a large message */
  reopen?: () => AsyncIterable<Buffer>;
  /**
   * Hands over the unlinked temporary file the reader already wrote the bytes to (a large IMAP literal),
   * instead of `bytes`; the taker closes it. Null when the bytes are not in such a file.
   */
  takeFile?: () => { fd: number; size: number } | null;
  /** frees what an unread stream holds (temporary files); harmless after reading */
  discard(): void;
  /** hands the memory of in-memory `bytes` back for reuse, once nothing reads them any more */
  recycle?(): void;
}

export interface FolderStatus {
  /** 0 when the endpoint has no UIDVALIDITY (its identities are stable names) */
  uidValidity: number;
  uidNext?: number;
  highestModseq?: number;
  /** message count when known without listing */
  messages?: number;
}

export interface ListOptions {
  /** also give each message's Message-ID (costs more on IMAP) */
  withMessageId?: boolean;
}

/** An open folder. `writer` is present when it was opened for writing on a writable endpoint. */
export interface FolderHandle {
  readonly name: string;
  readonly status: FolderStatus;
  list(options?: ListOptions): AsyncIterable<MessageIdentity>;
  /** the messages' bytes, in any order, each once; messages gone meanwhile are left out */
  read(ids: readonly MessageIdentity[]): AsyncIterable<ReadMessage>;
  readonly writer?: FolderWriter;
  /** CONDSTORE (RFC 7162): list only what changed since a MODSEQ, plus the identities still present */
  readonly changes?: ChangeTracking;
  /** a read-only source that can still delete what was copied (POP3 DELE): polls with --delete */
  readonly removal?: SourceRemoval;
}

/** Deleting messages at a source after their copies are durable (RFC 1939 §6: POP3 applies DELE at QUIT). */
export interface SourceRemoval {
  remove(ids: readonly string[]): Promise<void>;
}

export interface ChangeTracking {
  listChanged(sinceModseq: number): AsyncIterable<MessageIdentity>;
  /** every identity in the folder, cheaply (UID SEARCH ALL) */
  ids(): Promise<string[]>;
}

/** The bytes of a message to deliver: re-readable, with size and digest known. */
export interface MessageContent {
  readonly size: number;
  readonly sha256: string;
  /** the bytes when they are in memory */
  readonly buffer?: Buffer;
  /** streams the bytes; may be called more than once */
  open(): AsyncIterable<Buffer>;
  /** reads bytes at `position` into the caller's buffer, 0 at the end (a temporary file): no chunk allocated */
  readAt?(buffer: Buffer, position: number): Promise<number>;
  /** frees a temporary file behind the content */
  release(): void;
  /**
   * Lets the memory of the bytes carry other messages: only after a delivery that ended without error, when
   * no write can still be reading them. Never required: memory not recycled is garbage-collected.
   */
  recycle?(): void;
}

export interface OutgoingMessage {
  content: MessageContent;
  flags: string[];
  internalDate: Date | null;
  /**
   * The ledger row the engine will record for this copy. A destination that can write it in its own commit
   * (the local store) does so and reports `recorded`; others leave it to the engine.
   */
  ledger?: { pair: string; source: string; transfer: TransferEntry };
}

export type DeliveryOutcome =
  | { ok: true; id: string | null; recorded: boolean }
  | { ok: false; error: Error; temporary: boolean };

/** Delivery as a transaction (STYLE: maddy's StartDelivery → Body → Commit/Abort): nothing is visible before commit. */
export interface Delivery {
  add(message: OutgoingMessage): void;
  readonly count: number;
  /** makes the added messages durable at the destination; one outcome per message, in order */
  commit(): Promise<DeliveryOutcome[]>;
  abort(): Promise<void>;
}

/** Which keywords a destination folder can store (IMAP PERMANENTFLAGS, Maildir's 26 letters, atoms only…). */
export interface KeywordPolicy {
  accepts(keyword: string): boolean;
  /** for the report: "any keyword", "only the keywords $Label1 …" */
  readonly describe: string;
}

export interface FolderWriter {
  readonly keywords: KeywordPolicy;
  /** true when commit() also writes the ledger rows (one transaction with the messages) */
  readonly recordsLedger: boolean;
  /** how many messages and bytes one delivery should carry at most */
  readonly batch: { messages: number; bytes: number };
  begin(): Delivery;
  /** replaces the flags of these messages */
  setFlags(changes: ReadonlyArray<{ id: string; flags: string[] }>): Promise<void>;
  /** removes these messages for good */
  remove(ids: readonly string[]): Promise<void>;
}

export interface OpenOptions {
  /** open for writing (flags, deliveries, removal) */
  write: boolean;
  /** mostly deliveries will follow: an IMAP folder is not SELECTed until something else needs it */
  deliverOnly?: boolean;
}

/** One connection (or handle) to an endpoint; folders are opened one at a time. */
export interface EndpointSession {
  readonly capabilities: EndpointCapabilities;
  namespace(): Promise<NamespaceLayout>;
  listFolders(): Promise<FolderInfo[]>;
  /** creates a folder (and the parents it needs); present on writable endpoints */
  createFolder?(name: string, specialUse: SpecialUse | null): Promise<void>;
  openFolder(name: string, options: OpenOptions): Promise<FolderHandle>;
  close(): Promise<void>;
}

export interface Endpoint {
  readonly kind: EndpointKind;
  /** canonical URL without secrets: names the ledger pair */
  readonly url: string;
  /** false for endpoints that can only be read (POP3) */
  readonly writable: boolean;
  /** most sessions open at once (a POP3 maildrop is locked by one session); unlimited when absent */
  readonly maxSessions?: number;
  connect(): Promise<EndpointSession>;
}
