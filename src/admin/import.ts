// Imports a Maildir, mbox or EML directory into a local account. Every message goes through the store's
// ingest path (byte-exact, MIME scanned once) with a ledger key naming the source item, committed in the same
// transaction as the message: a rerun — after success or after the process was killed — skips exactly what
// landed (DESIGN invariant 2). Malformed messages are stored as they are; an unreadable file gives one line
// naming it and the run goes on (invariant 7); the summary lists every failure with its reason (requirement 8).
import { openSource } from '../formats/open.ts';
import type { MboxVariant } from '../formats/mbox/reader.ts';
import { FormatSpecError } from '../formats/spec.ts';
import type { MailItem } from '../formats/types.ts';
import { parseFlags } from '../store/flags.ts';
import { IngestBatch, type IngestBatchLimits } from '../store/ingest-batch.ts';
import type { Store } from '../store/store.ts';
import type { AppendOutcome, LedgerKey } from '../store/types.ts';
import { SilentProgress, type Progress } from '../util/progress.ts';
import { AdminError } from './errors.ts';
import { requireAccount } from './lookup.ts';
import { FolderResolver } from './import-folders.ts';
import { describeTransfer, type TransferFailure, type TransferSummary } from './transfer-summary.ts';

export interface ImportOptions {
  /** put every imported folder below this one: "Old" → Old/INBOX, Old/Sent … */
  folderPrefix?: string;
  progress?: Progress;
  /** quoting convention of mbox sources; mboxrd when omitted */
  mboxVariant?: MboxVariant;
  /** how many messages / bytes are committed together (one transaction, overlapping fsyncs) */
  batch?: IngestBatchLimits;
}

/** Two batches may be in memory (one committing, one staging): 8 MB each keeps the importer small. */
const DEFAULT_BATCH: IngestBatchLimits = { maxMessages: 64, maxBytes: 8 * 1024 * 1024 };

export interface ImportSummary extends TransferSummary {
  /** messages whose ledger key showed they were imported before */
  skipped: number;
}

/** The ledger pair of an import: the same source into the same account is the same transfer. */
export function importLedgerPair(canonicalSource: string, accountAddress: string): string {
  return `import:${canonicalSource}:${accountAddress}`;
}

/** Keeps the flags the store accepts (IMAP atoms); reports each dropped keyword once. */
class FlagFilter {
  private readonly reported = new Set<string>();
  constructor(private readonly progress: Progress) {}

  accept(flags: string[]): string[] {
    return flags.filter((flag) => {
      try {
        parseFlags([flag]);
        return true;
      } catch (error) {
        if (!this.reported.has(flag)) {
          this.reported.add(flag);
          this.progress.note(`flag "${flag}" dropped: ${(error as Error).message}`, 'problem');
        }
        return false;
      }
    });
  }
}

interface Staged {
  label: string;
  bytes: number;
}

async function* counting(source: AsyncIterable<Buffer>, count: { bytes: number }): AsyncIterable<Buffer> {
  for await (const chunk of source) {
    count.bytes += chunk.length;
    yield chunk;
  }
}

export async function importMailbox(store: Store, accountAddress: string, sourceSpec: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const account = await requireAccount(store, accountAddress);
  const progress = options.progress ?? new SilentProgress('import');
  const failures: TransferFailure[] = [];
  const summary: ImportSummary = {
    from: sourceSpec, to: account.address, messages: 0, skipped: 0, failed: 0, bytes: 0, durationMs: 0, failures,
  };
  const fail = (label: string, reason: string) => {
    failures.push({ item: label, reason });
    summary.failed++;
    progress.note(`${label}: ${reason}`, 'problem');
  };
  let source;
  try {
    source = await openSource(sourceSpec, {
      mboxVariant: options.mboxVariant,
      // an unreadable file or directory: one line naming it, and the run goes on
      onProblem: (problem) => fail(problem.path, problem.message),
    });
  } catch (error) {
    if (error instanceof FormatSpecError) throw new AdminError('invalid', error.message);
    throw error;
  }
  summary.from = source.spec;
  const pair = importLedgerPair(source.spec, account.address);
  const folders = new FolderResolver(store, account.id, options.folderPrefix);
  const flags = new FlagFilter(progress);
  const batch = new IngestBatch(store, options.batch ?? DEFAULT_BATCH);
  const startedAt = Date.now();
  progress.start(await source.estimate());
  // empty folders of the source exist afterwards too
  for (const folder of await source.listFolders()) {
    const resolved = await folders.resolve(folder);
    if ('error' in resolved) progress.note(resolved.error, 'problem');
  }

  // Pipelined: while one batch commits (fsyncs), the next is read and staged. At most one commit is in flight,
  // so UIDs follow the source order and memory holds at most two batches.
  let staged: Staged[] = [];
  let committing: Promise<void> = Promise.resolve();
  const commit = async (done: Staged[], outcomesPromise: Promise<AppendOutcome[]>) => {
    const bytes = done.reduce((sum, item) => sum + item.bytes, 0);
    let outcomes;
    try {
      outcomes = await outcomesPromise;
    } catch (error) {
      for (const item of done) fail(item.label, `not stored: ${(error as Error).message}`);
      progress.advance(done.length, bytes);
      return;
    }
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'appended') {
        summary.messages++;
        summary.bytes += done[index]!.bytes;
      } else {
        summary.skipped++;
      }
    });
    progress.advance(done.length, bytes);
  };
  const flush = async () => {
    await committing;
    const done = staged;
    staged = [];
    // batch.flush() takes the staged messages synchronously; later add() calls start the next batch
    committing = commit(done, batch.flush());
  };

  const importOne = async (item: MailItem) => {
    const label = `${item.folder} ${item.key}`;
    const ledger: LedgerKey = { pair, source: `${item.folder}\0${item.key}` };
    if (await store.ledgerHas(ledger)) {
      summary.skipped++;
      progress.advance(1, item.size ?? 0);
      return;
    }
    const folder = await folders.resolve(item.folder);
    if ('error' in folder) {
      failures.push({ item: label, reason: folder.error });
      summary.failed++;
      progress.advance(1, item.size ?? 0);
      return;
    }
    const count = { bytes: 0 };
    try {
      await batch.add(folder.id, counting(item.open(), count), { flags: flags.accept(item.flags), internalDate: item.internalDate, ledger });
    } catch (error) {
      fail(label, (error as Error).message);
      progress.advance(1, item.size ?? count.bytes);
      return;
    }
    staged.push({ label, bytes: count.bytes });
    if (batch.full) await flush();
  };

  try {
    for await (const item of source) await importOne(item);
  } finally {
    await flush();
    await committing;
  }
  summary.durationMs = Date.now() - startedAt;
  progress.finish(describeTransfer('imported', summary, [`${summary.skipped} already present, skipped`]));
  return summary;
}
