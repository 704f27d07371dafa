// What every mail file format (Maildir, mbox, EML directory) offers to import and export.
// Readers list items cheaply and stream each message's raw bytes only when asked, so memory stays bounded
// whatever the message or mailbox size (DESIGN invariant 4).

/** One message found in a source. */
export interface MailItem {
  /** '/'-separated Unicode folder path; 'INBOX' for the root */
  folder: string;
  /** stable identity of the item inside this source, for the ledger */
  key: string;
  /** IMAP system flags (\Seen …) and keywords together, as the store keeps them */
  flags: string[];
  internalDate: Date;
  /** raw size in bytes when known without reading the message */
  size?: number;
  /** streams the raw message bytes; may be called more than once */
  open(): AsyncIterable<Buffer>;
}

export interface SourceTotals {
  messages: number;
  bytes: number;
}

/** A file or directory that could not be read: one clear line naming it, and the run goes on. */
export interface SourceProblem {
  path: string;
  message: string;
}

export interface ReaderOptions {
  /** called for every unreadable file or directory; the reader skips it and continues */
  onProblem?: (problem: SourceProblem) => void;
}

export interface MailSource extends AsyncIterable<MailItem> {
  /** canonical spec, e.g. 'maildir:/srv/mail/alice' */
  readonly spec: string;
  /** counts messages and bytes without reading message contents, for progress totals and ETA */
  estimate(): Promise<SourceTotals>;
  /** every folder of the source, empty ones included */
  listFolders(): Promise<string[]>;
}

/** One message handed to a writer. */
export interface OutgoingMessage {
  folder: string;
  flags: string[];
  internalDate: Date;
  /** raw size when known; lets writers name files (Maildir ,S=) without buffering */
  size?: number;
  body: AsyncIterable<Buffer>;
}

export interface MailTarget {
  readonly spec: string;
  /** writes one message durably (or reports why it cannot); messages of one folder may come interleaved */
  write(message: OutgoingMessage): Promise<void>;
  /** creates a folder even if no message will be written to it (throws FolderNameError when it cannot) */
  createFolder(folder: string): Promise<void>;
  /** flushes per-folder metadata (keyword files) and closes open files */
  close(): Promise<void>;
}
