// What every part of the SQL store shares: the database, the dialect bits, the blob store and the notifier.
import { StoreError } from '../errors.ts';
import type { BlobStore, ChangeNotifier } from '../store.ts';
import type { ScryptCost } from '../passwords.ts';
import type { Db } from './db-types.ts';
import type { SqlDialectBits } from './dialect.ts';

export interface StoreContext {
  readonly db: Db;
  readonly bits: SqlDialectBits;
  readonly blobs: BlobStore;
  readonly notifier: ChangeNotifier;
  readonly scryptCost: ScryptCost;
  /** an orphaned blob is removed only after this long (see blob-gc.ts) */
  readonly blobGraceMs: number;
}

/** One write transaction; engine errors become StoreErrors that say what was being done. */
export async function writeTransaction<T>(ctx: StoreContext, what: string, work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await ctx.bits.writeTransaction(ctx.db, work);
  } catch (error) {
    throw translateError(ctx, error, what);
  }
}

export function translateError(ctx: StoreContext, error: unknown, what: string): unknown {
  if (error instanceof StoreError) return error;
  if (ctx.bits.isUniqueViolation(error)) return new StoreError('exists', `${what}: already exists`, { cause: error });
  if (ctx.bits.isBusy(error)) {
    return new StoreError('busy', `${what}: the database stayed locked by another process; retry later`, { cause: error });
  }
  return error;
}
