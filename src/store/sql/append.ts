// Appending messages whose blobs are durable: one write transaction for a whole batch — UIDs reserved per
// folder, message rows, ledger rows — so a batch costs one commit fsync, and a crash leaves all or nothing.
import { StoreError } from '../errors.ts';
import { parseFlags, toColumns } from '../flags.ts';
import type { MimeInfo } from '../../mime/types.ts';
import type { AppendOutcome, AppendRequest, ChangeEvent, MessageMeta } from '../types.ts';
import { writeTransaction, type StoreContext } from './context.ts';
import type { Db } from './db-types.ts';
import { reserveUids } from './folder-repo.ts';
import { existingLedgerKeys, insertLedgerEntries, ledgerKeyString, type LedgerEntry } from './ledger-repo.ts';
import { chunks, toMessageMeta } from './rows.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const ROWS_PER_INSERT = 100;

interface Prepared {
  request: AppendRequest;
  row: {
    folder_id: number; uid: number; modseq: number; seen: number; answered: number; flagged: number; deleted: number;
    draft: number; keywords: string; internal_date: number; size: number; sha256: string; message_id: string | null; mime: string; bare_lf: number;
  };
  duplicate: boolean;
  /** the message row id, once inserted */
  id: number;
}

export function messageIdOf(mime: MimeInfo): string | null {
  const value = mime.envelope?.messageId?.trim();
  return value ? value : null;
}

/** Validates outside the transaction, so bad input never holds the write lock. */
function prepare(request: AppendRequest): Prepared {
  const { blob, mime } = request;
  if (!SHA256_HEX.test(blob.sha256) || !Number.isSafeInteger(blob.size) || blob.size < 0) {
    throw new StoreError('invalid', `append to folder #${request.folderId}: invalid blob reference ${JSON.stringify(blob)}`);
  }
  const internalDate = request.internalDate ?? new Date();
  if (Number.isNaN(internalDate.getTime())) throw new StoreError('invalid', `append to folder #${request.folderId}: invalid internal date`);
  return {
    request,
    duplicate: false,
    id: 0,
    row: {
      folder_id: request.folderId, uid: 0, modseq: 0, ...toColumns(parseFlags(request.flags ?? [])),
      internal_date: internalDate.getTime(), size: blob.size, sha256: blob.sha256, message_id: messageIdOf(mime),
      mime: JSON.stringify(mime), bare_lf: mime.bareLf ?? 0,
    },
  };
}

export async function appendBatch(ctx: StoreContext, requests: readonly AppendRequest[]): Promise<{ outcomes: AppendOutcome[]; events: ChangeEvent[] }> {
  const prepared = requests.map(prepare);
  if (prepared.length === 0) return { outcomes: [], events: [] };
  const events = await writeTransaction(ctx, `appending ${prepared.length} message(s)`, (tx) => appendInTransaction(ctx, tx, prepared));
  const outcomes = prepared.map((p): AppendOutcome => (p.duplicate
    ? { status: 'duplicate', ledger: p.request.ledger! }
    : { status: 'appended', message: toMessageMeta({ ...p.row, id: p.id }) }));
  return { outcomes, events };
}

async function appendInTransaction(ctx: StoreContext, tx: Db, prepared: Prepared[]): Promise<ChangeEvent[]> {
  await markLedgerDuplicates(tx, prepared);
  const fresh = prepared.filter((p) => !p.duplicate);
  if (fresh.length === 0) return [];
  await requireBlobs(ctx, fresh);

  const byFolder = new Map<number, Prepared[]>();
  for (const item of fresh) {
    const list = byFolder.get(item.row.folder_id) ?? [];
    list.push(item);
    byFolder.set(item.row.folder_id, list);
  }
  const events: ChangeEvent[] = [];
  for (const [folderId, items] of byFolder) {
    const { accountId, firstUid, modseq } = await reserveUids(tx, folderId, items.length);
    items.forEach((item, i) => {
      item.row.uid = firstUid + i;
      item.row.modseq = modseq;
    });
    events.push({ kind: 'append', accountId, folderId, uids: items.map((i) => i.row.uid), modseq });
  }

  for (const part of chunks(fresh, ROWS_PER_INSERT)) {
    const ids = await tx.insertInto('messages').values(part.map((p) => p.row)).returning(['id', 'folder_id', 'uid']).execute();
    const idOf = new Map(ids.map((r) => [`${r.folder_id}/${r.uid}`, r.id]));
    for (const p of part) p.id = idOf.get(`${p.row.folder_id}/${p.row.uid}`) ?? 0;
  }

  const ledger: LedgerEntry[] = fresh.filter((p) => p.request.ledger).map((p) => ({
    ...p.request.ledger!, folderId: p.row.folder_id, uid: p.row.uid, sha256: p.row.sha256,
  }));
  await insertLedgerEntries(tx, ledger);
  return events;
}

async function markLedgerDuplicates(tx: Db, prepared: Prepared[]): Promise<void> {
  const keyed = prepared.filter((p) => p.request.ledger);
  if (keyed.length === 0) return;
  const existing = await existingLedgerKeys(tx, keyed.map((p) => p.request.ledger!));
  for (const item of keyed) {
    const key = ledgerKeyString(item.request.ledger!);
    if (existing.has(key)) item.duplicate = true;
    else existing.add(key); // a key repeated inside the batch lands once
  }
}

/**
 * Checked under the write lock: the garbage collector removes blobs under the same lock, so a blob seen here
 * stays until this transaction commits its reference (see blob-gc.ts).
 */
async function requireBlobs(ctx: StoreContext, items: Prepared[]): Promise<void> {
  const digests = [...new Set(items.map((i) => i.row.sha256))];
  const present = await Promise.all(digests.map((sha) => ctx.blobs.has(sha)));
  const missing = digests.filter((_, i) => !present[i]);
  if (missing.length > 0) {
    throw new StoreError('not-found', `blob ${missing[0]} is not in the blob store (never committed, or removed as unreferenced); `
      + `no message of this batch was stored`);
  }
}

export function appendedMessage(outcome: AppendOutcome): MessageMeta {
  if (outcome.status === 'duplicate') {
    throw new StoreError('exists', `ledger already holds ${outcome.ledger.pair} / ${outcome.ledger.source}: message not appended again`);
  }
  return outcome.message;
}
