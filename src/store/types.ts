import type { MimeInfo } from '../mime/types.ts';
import type { TransferEntry } from './transfer-ledger.ts';

export interface Domain {
  id: number;
  name: string;
  createdAt: Date;
}

export interface Account {
  id: number;
  /** full address, lower-case: alice@example.org */
  address: string;
  domainId: number;
  createdAt: Date;
  disabled: boolean;
}

export interface Alias {
  id: number;
  /** alias address, lower-case */
  source: string;
  /** target address (a local account or an outside address) */
  target: string;
}

/** RFC 6154 special-use attributes the store knows. */
export type SpecialUse = '\\All' | '\\Archive' | '\\Drafts' | '\\Flagged' | '\\Junk' | '\\Sent' | '\\Trash';

/** Folder names are Unicode paths with '/' as hierarchy separator; "INBOX" is always upper-case. */
export const HIERARCHY_SEPARATOR = '/';

export interface Folder {
  id: number;
  accountId: number;
  name: string;
  uidValidity: number;
  uidNext: number;
  highestModseq: number;
  specialUse: SpecialUse | null;
  subscribed: boolean;
}

export interface FolderSummary extends Folder {
  messages: number;
  unseen: number;
  bytes: number;
}

/**
 * One message in one folder. `flags` holds system flags (\Seen, \Answered, \Flagged, \Deleted, \Draft)
 * and keywords together, as IMAP does; keywords are the entries without a leading backslash.
 */
export interface MessageMeta {
  id: number;
  folderId: number;
  uid: number;
  modseq: number;
  flags: string[];
  internalDate: Date;
  size: number;
  sha256: string;
  /** Message-ID header value, or null when absent (for dedupe and reconciliation) */
  messageId: string | null;
  /** LFs without a CR before them: IMAP serves size + bareLf bytes (RFC 3501 §4.3, CRLF line ends) */
  bareLf: number;
}

/** What listings of flags need (FETCH FLAGS/ENVELOPE/BODYSTRUCTURE, STORE answers): a narrower, cheaper row. */
export type MessageFlags = Pick<MessageMeta, 'id' | 'folderId' | 'uid' | 'modseq' | 'flags'>;

export interface MessageWithMime extends MessageMeta {
  mime: MimeInfo;
}

/** A blob already durable in the BlobStore, ready to be referenced by a message row. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface AppendInput {
  blob: StoredBlob;
  mime: MimeInfo;
  flags?: string[];
  internalDate?: Date;
  /** written in the same transaction as the message row: makes a re-run skip what already landed */
  ledger?: LedgerKey;
}

/** One message of a batch append: an AppendInput and the folder it goes to. */
export interface AppendRequest extends AppendInput {
  folderId: number;
}

/** What became of one request of a batch append: stored, or skipped because its ledger key was already there. */
export type AppendOutcome =
  | { status: 'appended'; message: MessageMeta }
  | { status: 'duplicate'; ledger: LedgerKey };

/** Identity of a source message in some transfer (import, sync, poll): `pair` names the transfer, `source` the item. */
export interface LedgerKey {
  pair: string;
  source: string;
  /** a sync's details of the copy, written in the same row (its destId defaults to the new message's UID) */
  transfer?: TransferEntry;
}

export type FlagOperation = 'set' | 'add' | 'remove';

export type ChangeEvent =
  | { kind: 'append'; accountId: number; folderId: number; uids: number[]; modseq: number }
  | { kind: 'flags'; accountId: number; folderId: number; uids: number[]; modseq: number }
  | { kind: 'expunge'; accountId: number; folderId: number; uids: number[]; modseq: number }
  | { kind: 'folder'; accountId: number; folderId: number; action: 'create' | 'rename' | 'delete' };
