// Removing blobs nobody refers to any more. A blob may be shared by several messages (copies, the same mail
// delivered twice), and an ingest may be about to reuse it, so removal is careful:
//  1. When messages go away (expunge, folder or account deletion), their digests are recorded as orphans in the
//     same transaction.
//  2. The collector, inside a write transaction (so no append can commit meanwhile), removes an orphan's file
//     only when no message row refers to it, the orphan is older than the grace period, and the file was not
//     touched since it became an orphan (a deduplicated ingest touches the file it reuses).
//  3. appendMessages checks, inside its write transaction, that every blob it references exists. So the worst
//     outcome of a race is a clear error for that append, never a message row without its bytes.
import { sql } from 'kysely';
import { log } from '../../log/logger.ts';
import { hasFreshness } from '../blobs/blob-freshness.ts';
import { writeTransaction, type StoreContext } from './context.ts';
import type { Db } from './db-types.ts';
import { chunks } from './rows.ts';

const GC_BATCH = 200;

/** Records the distinct digests of these messages' blobs as orphan candidates (inside the caller's transaction). */
export async function orphanBlobs(tx: Db, digests: Iterable<string>): Promise<void> {
  const unique = [...new Set(digests)];
  const now = Date.now();
  for (const part of chunks(unique, GC_BATCH)) {
    await tx.insertInto('blob_orphans').values(part.map((sha256) => ({ sha256, since: now })))
      .onConflict((oc) => oc.column('sha256').doUpdateSet({ since: now })).execute();
  }
}

/** Same, for every message of these folders (before they are deleted). */
export async function orphanBlobsOfFolders(tx: Db, folderIds: readonly number[]): Promise<void> {
  const now = Date.now();
  for (const part of chunks(folderIds, GC_BATCH)) {
    await tx.insertInto('blob_orphans').columns(['sha256', 'since'])
      .expression((eb) => eb.selectFrom('messages').select(['sha256', sql.lit(now).as('since')]).distinct()
        .where('folder_id', 'in', part))
      .onConflict((oc) => oc.column('sha256').doUpdateSet((eb) => ({ since: eb.ref('excluded.since') })))
      .execute();
  }
}

/** Removes due orphan blobs; returns how many files were removed. */
export async function collectBlobGarbage(ctx: StoreContext): Promise<number> {
  let removed = 0;
  for (;;) {
    const cutoff = Date.now() - ctx.blobGraceMs;
    const { done, count } = await writeTransaction(ctx, 'removing unreferenced blobs', async (tx) => {
      const due = await tx.selectFrom('blob_orphans').select(['sha256', 'since']).where('since', '<=', cutoff)
        .orderBy('since').limit(GC_BATCH).execute();
      if (due.length === 0) return { done: true, count: 0 };
      const shas = due.map((o) => o.sha256);
      const referenced = new Set((await tx.selectFrom('messages').select('sha256').distinct()
        .where('sha256', 'in', shas).execute()).map((r) => r.sha256));
      let count = 0;
      for (const orphan of due) {
        if (referenced.has(orphan.sha256)) continue;
        if (hasFreshness(ctx.blobs)) {
          const touched = await ctx.blobs.lastTouchedMs(orphan.sha256);
          if (touched !== undefined && touched >= Number(orphan.since)) continue;
        }
        await ctx.blobs.remove(orphan.sha256);
        count++;
      }
      await tx.deleteFrom('blob_orphans').where('sha256', 'in', shas).execute();
      return { done: due.length < GC_BATCH, count };
    });
    removed += count;
    if (done) break;
  }
  if (removed > 0) log.lowlevel({ removed }, 'unreferenced blobs removed');
  return removed;
}

/**
 * Runs the collector after a commit that orphaned blobs. The caller's change is already committed, so a failure
 * here (another process holding the lock, say) must not make it look failed: the orphans stay recorded and the
 * next run removes them.
 */
export async function collectBlobGarbageAfterCommit(ctx: StoreContext): Promise<void> {
  try {
    await collectBlobGarbage(ctx);
  } catch (error) {
    log.problems({ err: error }, 'removing unreferenced blobs failed; will retry on the next expunge or open');
  }
}
