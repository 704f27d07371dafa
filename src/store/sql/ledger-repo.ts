// The transfer ledger: which source items (pair, source) already landed, written in the same transaction as the
// message row so a rerun after a crash skips exactly what committed (DESIGN: exactly once).
import type { LedgerKey } from '../types.ts';
import type { Db } from './db-types.ts';
import { chunks } from './rows.ts';
import { transferColumns } from './transfer-ledger-repo.ts';

export interface LedgerEntry extends LedgerKey {
  folderId: number | null;
  uid: number | null;
  sha256: string | null;
}

export function ledgerKeyString(key: LedgerKey): string {
  return `${key.pair}\u0000${key.source}`;
}

export async function ledgerHas(db: Db, key: LedgerKey): Promise<boolean> {
  const row = await db.selectFrom('ledger').select('pair').where('pair', '=', key.pair).where('source', '=', key.source)
    .executeTakeFirst();
  return row !== undefined;
}

/** The keys among these that are already recorded, as ledgerKeyString values. */
export async function existingLedgerKeys(db: Db, keys: readonly LedgerKey[]): Promise<Set<string>> {
  const found = new Set<string>();
  const byPair = new Map<string, string[]>();
  for (const key of keys) {
    const list = byPair.get(key.pair) ?? [];
    list.push(key.source);
    byPair.set(key.pair, list);
  }
  for (const [pair, sources] of byPair) {
    for (const part of chunks(sources, 500)) {
      const rows = await db.selectFrom('ledger').select('source').where('pair', '=', pair).where('source', 'in', part).execute();
      for (const row of rows) found.add(ledgerKeyString({ pair, source: row.source }));
    }
  }
  return found;
}

export async function insertLedgerEntries(tx: Db, entries: readonly LedgerEntry[]): Promise<void> {
  const now = Date.now();
  for (const part of chunks(entries, 200)) {
    await tx.insertInto('ledger').values(part.map((e) => ({
      pair: e.pair, source: e.source, folder_id: e.folderId, uid: e.uid, sha256: e.sha256, created_at: now,
      ...(e.transfer ? transferColumns(e.transfer, e.uid) : {}),
    }))).execute();
  }
}
