// Batched ingest for importers: messages are staged one by one (bytes written, not yet synced), then flush()
// makes all blobs durable in parallel and commits all rows in ONE transaction. Per message that is far cheaper
// than ingestMessage (fsyncs overlap, one commit), and a crash still leaves each message whole or absent:
// nothing is visible before flush() returns, and ledger keys make the rerun pick up exactly the rest.
import type { Store } from './store.ts';
import type { AppendOutcome, AppendRequest } from './types.ts';
import { stageMessage, type IngestOptions, type MessageSource, type StagedMessage } from './ingest.ts';
import { mapLimited } from '../util/map-limited.ts';

export interface IngestBatchLimits {
  /** flush advised after this many staged messages (default 64) */
  maxMessages?: number;
  /** flush advised after this many staged bytes (default 8 MiB) */
  maxBytes?: number;
}

interface Pending extends StagedMessage {
  folderId: number;
  options: IngestOptions;
}

/** How many blob commits (fsync, rename, fsync directory) run at once. */
const COMMIT_CONCURRENCY = 16;

export class IngestBatch {
  private pending: Pending[] = [];
  private bytes = 0;
  private lastAppend: Promise<unknown> = Promise.resolve();
  private readonly maxMessages: number;
  private readonly maxBytes: number;

  constructor(private readonly store: Store, limits: IngestBatchLimits = {}) {
    this.maxMessages = limits.maxMessages ?? 64;
    this.maxBytes = limits.maxBytes ?? 8 * 1024 * 1024;
  }

  get size(): number {
    return this.pending.length;
  }

  /** true when the caller should flush() before adding more */
  get full(): boolean {
    return this.pending.length >= this.maxMessages || this.bytes >= this.maxBytes;
  }

  /** Reads and stages one message; nothing is visible until flush(). */
  async add(folderId: number, source: MessageSource, options: IngestOptions = {}): Promise<void> {
    const staged = await stageMessage(this.store.blobs, source);
    this.pending.push({ ...staged, folderId, options });
    this.bytes += staged.size;
  }

  /**
   * Makes every staged message durable and visible; outcomes in the order of add(). add() may go on while a
   * flush runs (pipelining): the next flush's rows still come after this one's.
   */
  async flush(): Promise<AppendOutcome[]> {
    const batch = this.pending;
    this.pending = [];
    this.bytes = 0;
    // UIDs follow add() order even when the caller starts the next flush before this one returned: the place
    // in line is taken now, synchronously; blob writes of consecutive flushes may overlap, appends do not.
    const previous = this.lastAppend;
    const append = this.commitAndAppend(batch, previous);
    this.lastAppend = append.catch(() => undefined);
    return append;
  }

  private async commitAndAppend(batch: Pending[], previous: Promise<unknown>): Promise<AppendOutcome[]> {
    if (batch.length === 0) {
      await previous;
      return [];
    }
    let blobs;
    try {
      blobs = await mapLimited(batch, COMMIT_CONCURRENCY, (p) => p.writer.commit());
    } catch (error) {
      await Promise.all(batch.map((p) => p.writer.abort()));
      throw error;
    }
    const requests: AppendRequest[] = batch.map((p, i) => ({
      folderId: p.folderId, blob: blobs[i]!, mime: p.mime, flags: p.options.flags, internalDate: p.options.internalDate,
      ledger: p.options.ledger,
    }));
    await previous;
    return this.store.appendMessages(requests);
  }

  /** Drops staged messages (their temporary files are removed). */
  async abort(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.bytes = 0;
    await Promise.all(batch.map((p) => p.writer.abort()));
  }
}
