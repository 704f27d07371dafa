// RFC 3501 §2.3.2 \Recent: a message is recent in exactly one session, the first to select its folder after
// the message arrived. The folder keeps the first UID no session has seen yet (recent_uid); a session claims
// [recent_uid, uid_next) by moving recent_uid up to uid_next. Kept in the database so it holds across restarts
// and across nodes sharing one database.
import { writeTransaction, type StoreContext } from './context.ts';
import { requireFolderRow } from './folder-repo.ts';

/** UIDs in [from, to) are recent for the caller. */
export interface RecentRange {
  from: number;
  to: number;
}

export async function recentRange(ctx: StoreContext, folderId: number, options: { claim: boolean }): Promise<RecentRange> {
  const peek = await requireFolderRow(ctx.db, folderId);
  const range = { from: Number(peek.recent_uid), to: Number(peek.uid_next) };
  // Nothing new since the last claim, or a read-only look (EXAMINE): no write transaction needed.
  if (!options.claim || range.from >= range.to) return range;
  return writeTransaction(ctx, `claiming recent messages of folder #${folderId}`, async (tx) => {
    const row = await requireFolderRow(tx, folderId);
    const claimed = { from: Number(row.recent_uid), to: Number(row.uid_next) };
    if (claimed.from < claimed.to) {
      await tx.updateTable('folders').set({ recent_uid: claimed.to }).where('id', '=', folderId).execute();
    }
    return claimed;
  });
}
