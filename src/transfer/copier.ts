// The copy loop of every transfer: messages stream from one folder (one pipelined read), are made re-readable
// with their digest known (small ones in memory, large ones spooled), and go to the other folder in
// deliveries of a few dozen (MULTIAPPEND batches, one store transaction). While one delivery is committing, the
// next is being read. For a destination that cannot write the ledger in its own commit, each delivery is
// first recorded as pending, then recorded as copied once the destination answered (DESIGN invariant 2).
import type { FolderHandle, MessageIdentity, OutgoingMessage } from '../endpoints/endpoint.ts';
import { materialize } from '../endpoints/content.ts';
import { ledgerSourceKey, type PendingAppend, type TransferDirection, type TransferEntry } from '../store/transfer-ledger.ts';
import type { ByteBudget } from './byte-budget.ts';
import type { FlagFilter } from './flag-filter.ts';
import type { LedgerWriter } from './ledger-writer.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface CopyContext {
  pair: string;
  /** the source folder's name: the ledger's folder key for both directions */
  folder: string;
  direction: TransferDirection;
  from: FolderHandle;
  to: FolderHandle;
  /** the ledger's group-committing writer */
  writer: LedgerWriter;
  flags: FlagFilter;
  limiter?: RateLimiter;
  /** bytes held in deliveries, shared by all workers */
  budget: ByteBudget;
  memoryLimit: number;
  /** called as messages are done (copied or failed) */
  advance(messages: number, bytes: number): void;
  /** a message the destination refused for good */
  fail(identity: MessageIdentity, reason: string): void;
}

export interface CopyResult {
  copied: number;
  bytes: number;
  failed: number;
  /** copies that landed without the destination naming their id (no UIDPLUS): reconcile them */
  unnamed: number;
  /** origin ids whose outcome is settled (copied or failed) */
  settled: Set<string>;
}

interface Staged {
  identity: MessageIdentity;
  /** bytes taken from the budget for it */
  held: number;
  message: OutgoingMessage;
  entry: TransferEntry;
  pending: PendingAppend;
}

/** What a message kept in a file counts against the delivery budget (16 MiB / 8 KiB: at most 2,048 files). */
const FILE_BACKED_COST = 8 * 1024;

/** Concurrent deliveries: one committing while the next is filled. */
const DELIVERIES_IN_FLIGHT = 2;

export function emptyCopyResult(): CopyResult {
  return { copied: 0, bytes: 0, failed: 0, unnamed: 0, settled: new Set() };
}

/** Copies the messages; `result` grows as deliveries commit, so it stays right when a temporary error is thrown. */
export async function copyMessages(context: CopyContext, identities: readonly MessageIdentity[], result: CopyResult = emptyCopyResult()): Promise<CopyResult> {
  const writer = context.to.writer;
  if (!writer) throw new Error(`copy into ${context.to.name}: the folder was not opened for writing`);
  const targetUidNext = context.to.status.uidNext ?? null;
  const atomic = writer.recordsLedger && context.direction === 'forward';
  let failure: unknown;
  const inFlight = new Set<Promise<void>>();

  const flush = (batch: Staged[]) => {
    const delivery = writer.begin();
    for (const staged of batch) delivery.add(staged.message);
    const work = (async () => {
      try {
        if (!atomic) await context.writer.write({ pending: batch.map((staged) => staged.pending) });
        const outcomes = await delivery.commit();
        const record: TransferEntry[] = [];
        const settle: PendingAppend[] = [];
        let temporary: unknown;
        outcomes.forEach((outcome, index) => {
          const staged = batch[index]!;
          const originId = staged.identity.id;
          if (outcome.ok) {
            result.copied++;
            result.bytes += staged.entry.size;
            if (outcome.recorded) {
              result.settled.add(originId);
            } else if (outcome.id === null) {
              result.unnamed++; // stays pending: found again by content after this folder's copies
            } else {
              record.push(context.direction === 'forward' ? { ...staged.entry, destId: outcome.id } : { ...staged.entry, sourceId: outcome.id, destId: originId });
              settle.push(staged.pending);
              result.settled.add(originId);
            }
          } else if (outcome.temporary) {
            temporary ??= outcome.error;
          } else {
            result.failed++;
            settle.push(staged.pending);
            result.settled.add(originId);
            context.fail(staged.identity, outcome.error.message);
          }
        });
        await context.writer.write({ record, settle });
        context.advance(batch.length, batch.reduce((sum, staged) => sum + staged.entry.size, 0));
        // the delivery ended: no write reads the bytes any more (not so after a throw: a write may be pending)
        for (const staged of batch) staged.message.content.recycle?.();
        if (temporary !== undefined) throw temporary;
      } finally {
        for (const staged of batch) {
          staged.message.content.release();
          context.budget.give(staged.held);
        }
      }
    })();
    const tracked = work.catch((error: unknown) => {
      failure ??= error;
    }).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  const drop = (staged: readonly Staged[]) => {
    for (const item of staged) {
      item.message.content.release();
      context.budget.give(item.held);
    }
  };
  let batch: Staged[] = [];
  let batchBytes = 0;
  try {
    for await (const read of context.from.read(identities)) {
      if (failure !== undefined) {
        read.discard();
        break;
      }
      if (!context.budget.tryTake(read.identity.size)) {
        // send what this worker holds before waiting for other workers to send theirs
        if (batch.length > 0) {
          flush(batch);
          batch = [];
          batchBytes = 0;
        }
        await context.budget.take(read.identity.size);
      }
      let materialized;
      try {
        materialized = await materialize(read, { memoryLimit: context.memoryLimit });
      } catch (error) {
        context.budget.give(read.identity.size);
        throw error;
      }
      const { content, messageId } = materialized;
      // a message left in a file (spooled, or re-readable at the source) holds a descriptor, not its bytes: it
      // keeps only a nominal share of the budget, which bounds the files open at once
      let held = read.identity.size;
      if (!content.buffer && held > FILE_BACKED_COST) {
        // in the budget's terms: it took min(size, limit) and will get min(FILE_BACKED_COST, limit) back later
        const limit = context.budget.limit;
        context.budget.give(Math.min(held, limit) - Math.min(FILE_BACKED_COST, limit));
        held = FILE_BACKED_COST;
      }
      if (context.limiter) await context.limiter.take(content.size);
      const identity = read.identity;
      const sourceFlags = identity.flags.filter((flag) => flag.toLowerCase() !== '\\recent');
      const entry: TransferEntry = {
        folder: context.folder, sourceId: identity.id, destId: null, size: content.size, sha256: content.sha256, messageId, flags: sourceFlags,
      };
      const message: OutgoingMessage = {
        content, flags: context.flags.filter(sourceFlags), internalDate: identity.internalDate,
        ...(atomic ? { ledger: { pair: context.pair, source: ledgerSourceKey(context.folder, identity.id), transfer: entry } } : {}),
      };
      const pending: PendingAppend = {
        folder: context.folder, direction: context.direction, originId: identity.id, size: content.size, sha256: content.sha256, messageId,
        flags: sourceFlags, targetUidNext,
      };
      batch.push({ identity, held, message, entry, pending });
      batchBytes += content.size;
      if (batch.length >= writer.batch.messages || batchBytes >= writer.batch.bytes) {
        flush(batch);
        batch = [];
        batchBytes = 0;
        while (inFlight.size >= DELIVERIES_IN_FLIGHT) await Promise.race(inFlight);
      }
    }
    if (batch.length > 0 && failure === undefined) flush(batch);
    else drop(batch);
  } catch (error) {
    drop(batch);
    failure ??= error;
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return result;
}
