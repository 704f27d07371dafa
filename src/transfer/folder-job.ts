// One source folder and its destination folder through one run: prepare (create the destination, settle
// appends left in flight, re-match after a UIDVALIDITY change, list, plan), copy in chunks (possibly on
// several workers at once), finish (flags, removals, the folder's state for the next run).
import type { FolderHandle, FolderStatus, MessageIdentity } from '../endpoints/endpoint.ts';
import type { FolderMapping } from '../folders/folder-mapper.ts';
import type { TransferDirection, TransferEntry } from '../store/transfer-ledger.ts';
import { copyMessages, emptyCopyResult, type CopyResult } from './copier.ts';
import { prepareFolder, type Prepared } from './folder-prepare.ts';
import { chunked, inArrivalOrder } from './listing.ts';
import { reconcilePending } from './reconcile.ts';
import { emptyFolderReport, type FolderReport } from './report.ts';
import type { RunContext } from './run-context.ts';
import type { Side, Unit, Worker, WorkQueue } from './workers.ts';

/** Messages per copy unit: big folders are spread over the workers. */
const CHUNK_MESSAGES = 500;

export class FolderJob {
  readonly report: FolderReport;
  /** the ledger's folder key: the source folder's own name */
  readonly key: string;
  prepared?: Prepared;
  private chunksLeft = 0;
  private readonly unnamed: Record<TransferDirection, number> = { forward: 0, backward: 0 };
  private troubled = false;

  constructor(private readonly run: RunContext, readonly mapping: FolderMapping, private readonly queue: WorkQueue) {
    this.key = mapping.source.name;
    this.report = emptyFolderReport(mapping.logical, mapping.dest);
  }

  /** planned bytes and messages, for progress totals */
  get planned(): { messages: number; bytes: number } {
    const plan = this.prepared?.plan;
    const all = [...(plan?.copyForward ?? []), ...(plan?.copyBackward ?? [])];
    return { messages: all.length, bytes: all.reduce((sum, identity) => sum + identity.size, 0) };
  }

  prepareUnit(coveredElsewhere?: () => Promise<Set<string>>): Unit {
    return {
      label: `prepare ${this.mapping.logical}`,
      run: async (worker) => {
        this.prepared = await prepareFolder(this.run, this.mapping, this.report, worker, coveredElsewhere);
      },
      giveUp: (error) => this.folderFailed(error),
    };
  }

  private folderFailed(error: unknown): void {
    this.troubled = true;
    this.report.outcome = 'failed';
    this.report.note = (error as Error).message;
    this.run.fail(this.mapping.logical, 'folder', (error as Error).message);
  }

  /** Queues the copy chunks; the finish unit follows the last of them. */
  schedule(): void {
    const prepared = this.prepared;
    if (!prepared || prepared.unchanged || this.run.settings.dryRun || this.report.outcome === 'failed') return;
    const chunks = [
      ...chunked(inArrivalOrder(prepared.plan.copyForward), CHUNK_MESSAGES).map((chunk) => ({ direction: 'forward' as const, chunk })),
      ...chunked(inArrivalOrder(prepared.plan.copyBackward), CHUNK_MESSAGES).map((chunk) => ({ direction: 'backward' as const, chunk })),
    ];
    this.chunksLeft = chunks.length;
    if (chunks.length === 0) this.queue.push(this.finishUnit());
    else {
      const { messages, bytes } = this.planned;
      this.run.progress.note(`${this.mapping.logical} → ${this.report.dest}: ${messages} messages (${(bytes / 1024 / 1024).toFixed(1)} MB) to copy`);
    }
    for (const { direction, chunk } of chunks) this.queue.push(this.copyUnit(direction, chunk));
  }

  private chunkDone(): void {
    if (--this.chunksLeft === 0) this.queue.push(this.finishUnit());
  }

  private sides(direction: TransferDirection): { from: Side; to: Side; fromName: string; toName: string } {
    const source = this.key;
    const dest = this.report.dest;
    return direction === 'forward' ? { from: 'source', to: 'dest', fromName: source, toName: dest } : { from: 'dest', to: 'source', fromName: dest, toName: source };
  }

  private copyUnit(direction: TransferDirection, chunk: MessageIdentity[]): Unit {
    const result: CopyResult = emptyCopyResult();
    const { from, to, fromName, toName } = this.sides(direction);
    const first = chunk[0]!.id;
    const last = chunk[chunk.length - 1]!.id;
    let done = false;
    const finishOnce = () => {
      if (done) return;
      done = true;
      this.addCopyResult(direction, result);
      this.chunkDone();
    };
    return {
      label: `${direction === 'forward' ? 'copy' : 'copy back'} ${this.mapping.logical} ${first}…${last}`,
      run: async (worker, attempt) => {
        const fromFolder = await worker.folder(from, fromName, { write: from === 'source' ? this.run.settings.twoWay : true, reuse: true });
        const toFolder = await worker.folder(to, toName, { write: true, reuse: true, deliverOnly: true });
        let remaining = chunk.filter((identity) => !result.settled.has(identity.id));
        if (attempt > 1) remaining = await this.settleAfterFailure(direction, fromFolder, toFolder, remaining, result);
        const flags = direction === 'forward' ? this.prepared!.destFlags : this.prepared!.sourceFlags!;
        await copyMessages({
          pair: this.run.settings.pair, folder: this.key, direction, from: fromFolder, to: toFolder, writer: this.run.writer, flags,
          limiter: this.run.limiter, budget: this.run.budget, memoryLimit: this.run.settings.memoryLimit,
          advance: (messages, bytes) => this.run.progress.advance(messages, bytes),
          fail: (identity, reason) => this.run.failMessage(this.mapping.logical, identity, reason),
        }, remaining, result);
        finishOnce();
      },
      giveUp: (error) => {
        this.troubled = true;
        const left = chunk.filter((identity) => !result.settled.has(identity.id));
        for (const identity of left) this.run.failMessage(this.mapping.logical, identity, `not copied: ${(error as Error).message}`);
        result.failed += left.length;
        this.run.progress.advance(left.length, left.reduce((sum, identity) => sum + identity.size, 0));
        finishOnce();
      },
    };
  }

  /** After a failed attempt: what landed is found and recorded before anything is sent again. */
  private async settleAfterFailure(direction: TransferDirection, fromFolder: FolderHandle, toFolder: FolderHandle, remaining: MessageIdentity[], result: CopyResult): Promise<MessageIdentity[]> {
    const entries = await this.run.ledger.entries(this.run.settings.pair, this.key);
    const known = new Set(entries.flatMap((entry) => (direction === 'forward' ? [entry.destId ?? ''] : [entry.sourceId])));
    const reconciled = await reconcilePending({
      ledger: this.run.ledger, pair: this.run.settings.pair, folder: this.key, direction, target: toFolder, origin: fromFolder, known,
      only: new Set(remaining.map((identity) => identity.id)),
    });
    this.report.reconciled += reconciled.adopted;
    const recorded = new Set((await this.run.ledger.entries(this.run.settings.pair, this.key))
      .map((entry) => (direction === 'forward' ? entry.sourceId : entry.destId ?? '')));
    const still = remaining.filter((identity) => !recorded.has(identity.id));
    for (const identity of remaining) {
      if (!recorded.has(identity.id)) continue;
      result.settled.add(identity.id);
      result.copied++;
      result.bytes += identity.size;
      this.run.progress.advance(1, identity.size);
    }
    return still;
  }

  private addCopyResult(direction: TransferDirection, result: CopyResult): void {
    if (direction === 'forward') {
      this.report.copied += result.copied;
      this.report.bytes += result.bytes;
    } else {
      this.report.copiedBack += result.copied;
    }
    this.report.failed += result.failed;
    this.unnamed[direction] += result.unnamed;
    if (result.failed > 0) this.troubled = true;
  }

  private finishUnit(): Unit {
    return {
      label: `finish ${this.mapping.logical}`,
      run: (worker) => this.finish(worker),
      giveUp: (error) => this.folderFailed(error),
    };
  }

  private async finish(worker: Worker): Promise<void> {
    const { plan, sourceStatus, destStatus } = this.prepared!;
    const { pair, twoWay } = this.run.settings;
    const ledger = this.run.ledger;
    const source = await worker.folder('source', this.key, { write: twoWay });
    const dest = await worker.folder('dest', this.report.dest, { write: true });
    for (const direction of ['forward', 'backward'] as const) {
      if (this.unnamed[direction] === 0) continue;
      const entries = await ledger.entries(pair, this.key);
      const [target, origin] = direction === 'forward' ? [dest, source] : [source, dest];
      const known = new Set(entries.map((entry) => (direction === 'forward' ? entry.destId ?? '' : entry.sourceId)));
      await reconcilePending({ ledger, pair, folder: this.key, direction, target, origin, known });
      this.unnamed[direction] = 0;
    }
    if (plan.flagsToDest.length > 0) await dest.writer!.setFlags(plan.flagsToDest);
    if (plan.flagsToSource.length > 0) await source.writer!.setFlags(plan.flagsToSource);
    await ledger.updateFlags(pair, this.key, plan.ledgerFlags);
    this.report.flagsToDest = plan.flagsToDest.length;
    this.report.flagsToSource = plan.flagsToSource.length;
    await this.remove(dest, plan.removeAtDest, (entry) => entry.destId!);
    this.report.removedAtDest = plan.removeAtDest.length;
    await this.remove(source, plan.removeAtSource, (entry) => entry.sourceId);
    this.report.removedAtSource = plan.removeAtSource.length;
    await ledger.remove(pair, this.key, plan.forget);
    this.report.conflicts = plan.conflicts.length;
    for (const conflict of plan.conflicts) {
      this.run.logger.major({ folder: this.mapping.logical, ...conflict },
        `${this.mapping.logical}: flags of message ${conflict.sourceId} changed on both sides (${conflict.source.join(' ') || '-'} / ${conflict.dest.join(' ') || '-'}); merged: ${conflict.merged.join(' ') || '-'}`);
    }
    await this.saveState(sourceStatus, destStatus);
  }

  private async remove(folder: FolderHandle, entries: readonly TransferEntry[], idOf: (entry: TransferEntry) => string): Promise<void> {
    if (entries.length === 0) return;
    await folder.writer!.remove(entries.map(idOf));
    await this.run.ledger.remove(this.run.settings.pair, this.key, entries.map((entry) => entry.sourceId));
  }

  private async saveState(source: FolderStatus, dest: FolderStatus): Promise<void> {
    // after a failure, or when --since / --max-size left messages out, the next run lists everything again, so
    // the messages that failed are tried again and a run with other filters sees what this one skipped
    const clean = !this.troubled && this.report.skipped === 0;
    await this.run.ledger.saveFolderState(this.run.settings.pair, {
      folder: this.key, destFolder: this.report.dest,
      sourceUidValidity: source.uidValidity, destUidValidity: dest.uidValidity,
      sourceModseq: clean ? source.highestModseq ?? null : null, destModseq: clean ? dest.highestModseq ?? null : null,
      sourceUidNext: source.uidNext ?? null, destUidNext: dest.uidNext ?? null,
    });
    if (this.report.outcome !== 'failed') this.report.outcome = 'ok';
  }
}

