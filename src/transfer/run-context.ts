// What every unit of one transfer run shares: settings, the ledger, the log, progress, the rate limiter and
// the lists the final report is made of.
import type { MessageIdentity } from '../endpoints/endpoint.ts';
import type { Logger } from '../log/logger.ts';
import type { TransferLedgerStore } from '../store/transfer-ledger.ts';
import type { Progress } from '../util/progress.ts';
import { ByteBudget } from './byte-budget.ts';
import { FlagFilter } from './flag-filter.ts';
import { LedgerWriter } from './ledger-writer.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ItemFailure, TransferReport } from './report.ts';
import type { TransferSettings } from './settings.ts';
import type { KeywordPolicy } from '../endpoints/endpoint.ts';

export class RunContext {
  readonly failures: ItemFailure[] = [];
  /** message bytes all workers together may hold in deliveries not yet committed */
  readonly budget: ByteBudget;
  /** group-committing writer of pending appends and records */
  readonly writer: LedgerWriter;
  readonly droppedFlags: TransferReport['droppedFlags'] = [];

  constructor(
    readonly settings: TransferSettings,
    readonly ledger: TransferLedgerStore,
    readonly logger: Logger,
    readonly progress: Progress,
    readonly limiter?: RateLimiter,
  ) {
    this.budget = new ByteBudget(settings.deliveryBudget);
    this.writer = new LedgerWriter(ledger, settings.pair);
  }

  fail(folder: string, item: string, reason: string): void {
    this.failures.push({ folder, item, reason });
    this.progress.note(`${folder}: ${item}: ${reason}`, 'problem');
  }

  failMessage(folder: string, identity: MessageIdentity, reason: string): void {
    const id = identity.messageId ? ` ${identity.messageId}` : '';
    this.fail(folder, `message ${identity.id}${id} (${identity.size} bytes)`, reason);
  }

  /** A flag filter for one target folder; each flag it cannot store is reported once. */
  flagFilter(folder: string, policy: KeywordPolicy): FlagFilter {
    return new FlagFilter(policy, (flag, reason) => {
      this.droppedFlags.push({ folder, flag, reason });
      this.progress.note(`${folder}: flag "${flag}" not stored: ${reason}`, 'problem');
    });
  }
}
