// The transfer ledger beyond "this item landed" (DESIGN: Transfer, ledger): for each pair of endpoints and each
// source folder, the UIDVALIDITY and MODSEQ both sides had at the last run, the map source identity →
// destination identity with the digest, size, Message-ID and the flags last agreed on, and the appends that
// were in flight (written before an APPEND is sent, cleared once its outcome is known) so that a restart after
// a crash reconciles them before anything else is sent.

/** One copied message: where it came from, where it went, and what both sides agreed on last time. */
export interface TransferEntry {
  /** the source folder (its name at the source endpoint) */
  folder: string;
  /** identity at the source: UID as decimal text, a Maildir unique name, a POP3 UIDL */
  sourceId: string;
  /** identity at the destination; null when the destination could not tell (no UIDPLUS) */
  destId: string | null;
  size: number;
  sha256: string;
  messageId: string | null;
  /** the flags both sides had after the last run (system flags and keywords) */
  flags: string[];
}

export interface LedgerFolderState {
  folder: string;
  /** the destination folder name the source folder maps to */
  destFolder: string;
  sourceUidValidity: number | null;
  destUidValidity: number | null;
  /** HIGHESTMODSEQ / UIDNEXT seen at the end of the last complete run (CONDSTORE fast path) */
  sourceModseq: number | null;
  destModseq: number | null;
  sourceUidNext: number | null;
  destUidNext: number | null;
}

/** forward: source → destination; backward: destination → source (two-way) */
export type TransferDirection = 'forward' | 'backward';

/** An append whose outcome is not known yet. */
export interface PendingAppend {
  folder: string;
  direction: TransferDirection;
  /** identity of the message on the side it is copied from */
  originId: string;
  size: number;
  sha256: string;
  messageId: string | null;
  /** flags sent with it */
  flags: string[];
  /** the target folder's UIDNEXT before the append: a landed copy has a UID at least this (null: unknown) */
  targetUidNext: number | null;
}

/** Changes written in one transaction (several workers' deliveries grouped in one commit). */
export interface LedgerChanges {
  /** appends about to be sent */
  pending?: readonly PendingAppend[];
  /** copies made: written, replacing an entry with the same source key */
  record?: readonly TransferEntry[];
  /** pending appends whose outcome is known now */
  settle?: readonly PendingAppend[];
}

/** The ledger key of an entry (the `source` column of the ledger table): unique per pair. */
export function ledgerSourceKey(folder: string, sourceId: string): string {
  return `${folder}\u0000${sourceId}`;
}

export interface TransferLedgerStore {
  folderState(pair: string, folder: string): Promise<LedgerFolderState | undefined>;
  saveFolderState(pair: string, state: LedgerFolderState): Promise<void>;
  /** every entry of one source folder */
  entries(pair: string, folder: string): Promise<TransferEntry[]>;
  /**
   * One transaction: the entries are written (replacing an entry with the same source key) and the pending
   * appends named by `settled` are removed.
   */
  record(pair: string, entries: readonly TransferEntry[], settled?: readonly PendingAppend[]): Promise<void>;
  /** pending appends, copies and settlements in one transaction */
  write(pair: string, changes: LedgerChanges): Promise<void>;
  updateFlags(pair: string, folder: string, updates: ReadonlyArray<{ sourceId: string; flags: string[] }>): Promise<void>;
  remove(pair: string, folder: string, sourceIds: readonly string[]): Promise<void>;
  /** replaces every entry of the folder (after a UIDVALIDITY re-match), in one transaction */
  replaceFolder(pair: string, folder: string, entries: readonly TransferEntry[]): Promise<void>;
  addPending(pair: string, pending: readonly PendingAppend[]): Promise<void>;
  pending(pair: string, folder: string): Promise<PendingAppend[]>;
  settlePending(pair: string, pending: readonly PendingAppend[]): Promise<void>;
  /** forgets everything about a pair (its folders, entries and pending appends) */
  forgetPair(pair: string): Promise<void>;
}
