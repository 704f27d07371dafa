// Folder rows: creation with fresh UIDVALIDITY values, lookups, and the UID/MODSEQ counters.
import { StoreError } from '../errors.ts';
import type { SpecialUse } from '../types.ts';
import type { Db } from './db-types.ts';

export interface NewFolder {
  name: string;
  specialUse: SpecialUse | null;
  subscribed: boolean;
  /** for INBOX rename: the new folder continues the old counters so moved UIDs stay below UIDNEXT */
  uidNext?: number;
  highestModseq?: number;
}

/**
 * Reserves `count` consecutive UIDVALIDITY values. RFC 3501 §2.3.1.1: a folder deleted and created again must
 * get a new UIDVALIDITY. The value follows the clock (seconds) but never repeats: it is also at least one more
 * than the last value handed out, which the store remembers even when the clock goes back.
 */
export async function allocateUidValidity(tx: Db, count: number): Promise<number> {
  const last = await tx.selectFrom('store_meta').select('value').where('name', '=', 'uid_validity').executeTakeFirst();
  const first = Math.max(Number(last?.value ?? 0) + 1, Math.floor(Date.now() / 1000));
  const end = first + count - 1;
  if (end > 0xffffffff) throw new StoreError('invalid', 'UIDVALIDITY space exhausted (32 bits)');
  await tx.insertInto('store_meta').values({ name: 'uid_validity', value: end })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: end })).execute();
  return first;
}

export async function insertFolders(tx: Db, accountId: number, folders: readonly NewFolder[]) {
  if (folders.length === 0) return [];
  let uidValidity = await allocateUidValidity(tx, folders.length);
  const now = Date.now();
  return tx.insertInto('folders').values(folders.map((f) => ({
    account_id: accountId, name: f.name, uid_validity: uidValidity++, uid_next: f.uidNext ?? 1,
    highest_modseq: f.highestModseq ?? 1, special_use: f.specialUse, subscribed: f.subscribed ? 1 : 0, created_at: now,
  }))).returningAll().execute();
}

export function findFolderRow(db: Db, accountId: number, name: string) {
  return db.selectFrom('folders').selectAll().where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
}

export function findFolderRowById(db: Db, folderId: number) {
  return db.selectFrom('folders').selectAll().where('id', '=', folderId).executeTakeFirst();
}

export function listFolderRows(db: Db, accountId: number) {
  return db.selectFrom('folders').selectAll().where('account_id', '=', accountId).execute();
}

/**
 * Reserves `count` UIDs and one new MODSEQ in a folder, inside the caller's write transaction. The row update
 * is the lock: two writers into one folder queue here (on PostgreSQL too), so UIDs strictly increase.
 */
export async function reserveUids(tx: Db, folderId: number, count: number) {
  const row = await tx.updateTable('folders')
    .set((eb) => ({ uid_next: eb('uid_next', '+', count), highest_modseq: eb('highest_modseq', '+', 1) }))
    .where('id', '=', folderId)
    .returning(['account_id', 'uid_next', 'highest_modseq'])
    .executeTakeFirst();
  if (!row) throw new StoreError('not-found', `folder #${folderId} does not exist`);
  const uidNext = Number(row.uid_next);
  return { accountId: row.account_id, firstUid: uidNext - count, modseq: Number(row.highest_modseq) };
}

/** One new MODSEQ for a change that touches existing messages (flags, expunge). */
export async function bumpModseq(tx: Db, folderId: number) {
  const row = await tx.updateTable('folders')
    .set((eb) => ({ highest_modseq: eb('highest_modseq', '+', 1) }))
    .where('id', '=', folderId)
    .returning(['account_id', 'highest_modseq'])
    .executeTakeFirst();
  if (!row) throw new StoreError('not-found', `folder #${folderId} does not exist`);
  return { accountId: row.account_id, modseq: Number(row.highest_modseq) };
}

export async function requireFolderRow(db: Db, folderId: number) {
  const row = await findFolderRowById(db, folderId);
  if (!row) throw new StoreError('not-found', `folder #${folderId} does not exist`);
  return row;
}
