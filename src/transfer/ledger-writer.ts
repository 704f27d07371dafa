// Group commit for the ledger: the pending rows and records of every worker's deliveries that arrive while
// one transaction is being written go together into the next one. Each commit is fsynced (the store's
// durability), so fewer, fuller commits are most of what the ledger costs per message.
import type { LedgerChanges, TransferLedgerStore } from '../store/transfer-ledger.ts';

interface Queued {
  changes: LedgerChanges;
  resolve(): void;
  reject(error: unknown): void;
}

export class LedgerWriter {
  private queued: Queued[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly ledger: TransferLedgerStore, private readonly pair: string) {}

  /** Resolves once the changes are committed (with whatever else was waiting). */
  write(changes: LedgerChanges): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ changes, resolve, reject });
      if (!this.running) this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    // let the other workers' writes of this turn of the event loop join the first commit
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queued.length > 0) {
      const batch = this.queued;
      this.queued = [];
      const merged: Required<LedgerChanges> = {
        pending: batch.flatMap((item) => item.changes.pending ?? []),
        record: batch.flatMap((item) => item.changes.record ?? []),
        settle: batch.flatMap((item) => item.changes.settle ?? []),
      };
      try {
        await this.ledger.write(this.pair, merged);
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.running = null;
  }
}
