// Messages of a folder: listing in UID order, flags with MODSEQ (RFC 7162), copy with UIDPLUS mapping
// (RFC 4315 §3), expunge. Appends live in append.ts.
import { StoreError } from '../errors.ts';
import { applyFlagOperation, parseFlags, sameFlags } from '../flags.ts';
import type { FolderIndex, MessageQuery, MessageRowOf, RowShape } from '../store.ts';
import type { AppendInput, AppendOutcome, AppendRequest, ChangeEvent, FlagOperation, LedgerKey, MessageMeta, MessageWithMime } from '../types.ts';
import { appendBatch, appendedMessage } from './append.ts';
import { collectBlobGarbageAfterCommit, orphanBlobs } from './blob-gc.ts';
import { writeTransaction, type StoreContext } from './context.ts';
import type { Db } from './db-types.ts';
import { bumpModseq, requireFolderRow, reserveUids } from './folder-repo.ts';
import { ledgerHas } from './ledger-repo.ts';
import { chunks, MESSAGE_FLAG_COLUMNS, MESSAGE_META_COLUMNS, toMessageFlags, toMessageMeta, toMessageWithMime, type MessageMetaRow } from './rows.ts';

/** Rows fetched per query by iterateMessages, and UIDs per IN (...) list. */
const ITERATE_BATCH = 1000;
/** Smaller batches when each row carries its MIME structure. */
const MIME_BATCH = 200;

/** The columns each row shape reads, how many rows a query takes, and the conversion. */
const SHAPES = {
  flags: { columns: MESSAGE_FLAG_COLUMNS, size: ITERATE_BATCH, convert: toMessageFlags },
  meta: { columns: MESSAGE_META_COLUMNS, size: ITERATE_BATCH, convert: toMessageMeta },
  mime: { columns: [...MESSAGE_META_COLUMNS, 'mime'] as const, size: MIME_BATCH, convert: toMessageWithMime },
} as const;
const UIDS_PER_QUERY = 500;

export class MessageService {
  constructor(private readonly ctx: StoreContext) {}

  async appendMessages(requests: AppendRequest[]): Promise<AppendOutcome[]> {
    const { outcomes, events } = await appendBatch(this.ctx, requests);
    for (const event of events) this.ctx.notifier.publish(event);
    return outcomes;
  }

  async appendMessage(folderId: number, input: AppendInput): Promise<MessageMeta> {
    const [outcome] = await this.appendMessages([{ ...input, folderId }]);
    return appendedMessage(outcome!);
  }

  ledgerHas(key: LedgerKey): Promise<boolean> {
    return ledgerHas(this.ctx.db, key);
  }

  async listMessages(folderId: number, query: MessageQuery = {}): Promise<MessageMeta[]> {
    const list: MessageMeta[] = [];
    for await (const message of this.iterateMessages(folderId, query)) list.push(message);
    return list;
  }

  /**
   * The UID list from the (folder_id, uid) index as one joined text, then the first unseen UID and the distinct
   * keyword sets: SELECT of a 100,000-message folder allocates no row per message.
   */
  async folderIndex(folderId: number): Promise<FolderIndex> {
    const { db } = this.ctx;
    const joined = await db.selectFrom('messages').select(this.ctx.bits.joinedUids().as('list'))
      .where('folder_id', '=', folderId).executeTakeFirst();
    const uids = parseUidList(joined?.list ?? null);
    const unseen = await db.selectFrom('messages').select((eb) => eb.fn.min('uid').as('uid'))
      .where('folder_id', '=', folderId).where('seen', '=', 0).executeTakeFirst();
    const keywordSets = await db.selectFrom('messages').select('keywords').distinct()
      .where('folder_id', '=', folderId).where('keywords', '!=', '').execute();
    const keywords = new Set(keywordSets.flatMap((row) => row.keywords.split(' ')));
    return { uids, firstUnseenUid: unseen?.uid == null ? null : Number(unseen.uid), keywords: [...keywords] };
  }

  /** Keyset pagination on (folder_id, uid): each batch is one short query, nothing stays open in between. */
  async *messageBatches<S extends RowShape>(folderId: number, shape: S, query: MessageQuery = {}): AsyncIterable<Array<MessageRowOf<S>>> {
    const { columns, size, convert } = SHAPES[shape];
    let after = (query.uidFrom ?? 1) - 1;
    for (;;) {
      let select = this.ctx.db.selectFrom('messages').select(columns).where('folder_id', '=', folderId).where('uid', '>', after);
      if (query.uidTo !== undefined) select = select.where('uid', '<=', query.uidTo);
      if (query.changedSince !== undefined) select = select.where('modseq', '>', query.changedSince);
      const rows = await select.orderBy('uid').limit(size).execute();
      if (rows.length > 0) yield rows.map((row) => convert(row as MessageMetaRow & { mime: string }) as MessageRowOf<S>);
      if (rows.length < size) return;
      after = Number(rows[rows.length - 1]!.uid);
    }
  }

  async *iterateMessages(folderId: number, query: MessageQuery = {}): AsyncIterable<MessageMeta> {
    for await (const batch of this.messageBatches(folderId, 'meta', query)) yield* batch;
  }

  /** The same with ENVELOPE/BODYSTRUCTURE: one query per batch, for FETCH and SEARCH over ranges. */
  async *iterateMessagesWithMime(folderId: number, query: MessageQuery = {}): AsyncIterable<MessageWithMime> {
    for await (const batch of this.messageBatches(folderId, 'mime', query)) yield* batch;
  }

  async getMessage(folderId: number, uid: number): Promise<MessageWithMime | undefined> {
    const row = await this.ctx.db.selectFrom('messages').select([...MESSAGE_META_COLUMNS, 'mime'])
      .where('folder_id', '=', folderId).where('uid', '=', uid).executeTakeFirst();
    return row && toMessageWithMime(row);
  }

  async findByDigest(folderId: number, sha256: string): Promise<MessageMeta[]> {
    const rows = await this.ctx.db.selectFrom('messages').select(MESSAGE_META_COLUMNS)
      .where('sha256', '=', sha256).where('folder_id', '=', folderId).orderBy('uid').execute();
    return rows.map(toMessageMeta);
  }

  /** RFC 3501 §6.4.6 STORE; every message whose flags changed gets the same new MODSEQ (RFC 7162 §3.1.3). */
  async updateFlags(folderId: number, uids: number[], operation: FlagOperation, flags: string[]): Promise<MessageMeta[]> {
    const change = parseFlags(flags);
    const { changed, event } = await writeTransaction(this.ctx, `changing flags in folder #${folderId}`, async (tx) => {
      await requireFolderRow(tx, folderId);
      const changed: MessageMeta[] = [];
      let modseq: { accountId: number; modseq: number } | undefined;
      for (const part of chunks(uniqueSorted(uids), UIDS_PER_QUERY)) {
        const rows = await tx.selectFrom('messages').select(MESSAGE_META_COLUMNS)
          .where('folder_id', '=', folderId).where('uid', 'in', part).orderBy('uid').execute();
        for (const row of rows) {
          const next = applyFlagOperation(row, operation, change);
          if (sameFlags(row, next)) continue;
          modseq ??= await bumpModseq(tx, folderId);
          await tx.updateTable('messages').set({ ...next, modseq: modseq.modseq }).where('id', '=', row.id).execute();
          changed.push(toMessageMeta({ ...row, ...next, modseq: modseq.modseq }));
        }
      }
      const event: ChangeEvent | undefined = modseq && {
        kind: 'flags', accountId: modseq.accountId, folderId, uids: changed.map((m) => m.uid), modseq: modseq.modseq,
      };
      return { changed, event };
    });
    if (event) this.ctx.notifier.publish(event);
    return changed;
  }

  /** RFC 3501 §6.4.7 COPY keeps flags and INTERNALDATE; the copies share the blobs. */
  async copyMessages(fromFolderId: number, uids: number[], toFolderId: number): Promise<Array<[number, number]>> {
    const { pairs, event } = await writeTransaction(this.ctx, `copying messages from folder #${fromFolderId} to #${toFolderId}`, async (tx) => {
      await requireFolderRow(tx, fromFolderId);
      const present = await existingUids(tx, fromFolderId, uids);
      if (present.length === 0) {
        await requireFolderRow(tx, toFolderId);
        return { pairs: [] as Array<[number, number]>, event: undefined };
      }
      const { accountId, firstUid, modseq } = await reserveUids(tx, toFolderId, present.length);
      const pairs: Array<[number, number]> = present.map((uid, i) => [uid, firstUid + i]);
      const newUid = new Map(pairs);
      for (const part of chunks(present, ROWS_PER_COPY)) {
        const rows = await tx.selectFrom('messages').selectAll().where('folder_id', '=', fromFolderId)
          .where('uid', 'in', part).execute();
        await tx.insertInto('messages').values(rows.map(({ id: _id, ...row }) => ({
          ...row, folder_id: toFolderId, uid: newUid.get(Number(row.uid))!, modseq,
        }))).execute();
      }
      const event: ChangeEvent = { kind: 'append', accountId, folderId: toFolderId, uids: pairs.map((p) => p[1]), modseq };
      return { pairs, event };
    });
    if (event) this.ctx.notifier.publish(event);
    return pairs;
  }

  /**
   * RFC 6851 MOVE, atomically: in one transaction the messages leave the source (an expunge there) and arrive in
   * the target with new UIDs, keeping flags, INTERNALDATE and blobs. A crash never leaves them in both or neither.
   */
  async moveMessages(fromFolderId: number, uids: number[], toFolderId: number): Promise<Array<[number, number]>> {
    const { pairs, events } = await writeTransaction(this.ctx, `moving messages from folder #${fromFolderId} to #${toFolderId}`, async (tx) => {
      await requireFolderRow(tx, fromFolderId);
      const present = await existingUids(tx, fromFolderId, uids);
      if (present.length === 0) {
        await requireFolderRow(tx, toFolderId);
        return { pairs: [] as Array<[number, number]>, events: [] as ChangeEvent[] };
      }
      const target = await reserveUids(tx, toFolderId, present.length);
      const pairs: Array<[number, number]> = present.map((uid, i) => [uid, target.firstUid + i]);
      for (const [oldUid, newUid] of pairs) {
        await tx.updateTable('messages').set({ folder_id: toFolderId, uid: newUid, modseq: target.modseq })
          .where('folder_id', '=', fromFolderId).where('uid', '=', oldUid).execute();
      }
      const source = await bumpModseq(tx, fromFolderId);
      const events: ChangeEvent[] = [
        { kind: 'append', accountId: target.accountId, folderId: toFolderId, uids: pairs.map((p) => p[1]), modseq: target.modseq },
        { kind: 'expunge', accountId: source.accountId, folderId: fromFolderId, uids: present, modseq: source.modseq },
      ];
      return { pairs, events };
    });
    for (const event of events) this.ctx.notifier.publish(event);
    return pairs;
  }

  /** RFC 3501 §6.4.3: the rows go now; their blobs go once no other message refers to them (blob-gc.ts). */
  async expunge(folderId: number, uids: number[]): Promise<void> {
    const event = await writeTransaction(this.ctx, `expunging messages from folder #${folderId}`, async (tx) => {
      await requireFolderRow(tx, folderId);
      const removed: number[] = [];
      const digests: string[] = [];
      for (const part of chunks(uniqueSorted(uids), UIDS_PER_QUERY)) {
        const rows = await tx.selectFrom('messages').select(['id', 'uid', 'sha256'])
          .where('folder_id', '=', folderId).where('uid', 'in', part).execute();
        if (rows.length === 0) continue;
        await tx.deleteFrom('messages').where('id', 'in', rows.map((r) => r.id)).execute();
        for (const row of rows) {
          removed.push(Number(row.uid));
          digests.push(row.sha256);
        }
      }
      if (removed.length === 0) return undefined;
      await orphanBlobs(tx, digests);
      const { accountId, modseq } = await bumpModseq(tx, folderId);
      const event: ChangeEvent = { kind: 'expunge', accountId, folderId, uids: removed.sort((a, b) => a - b), modseq };
      return event;
    });
    if (!event) return;
    this.ctx.notifier.publish(event);
    await collectBlobGarbageAfterCommit(this.ctx);
  }
}

const ROWS_PER_COPY = 100;

function uniqueSorted(uids: readonly number[]): number[] {
  for (const uid of uids) {
    if (!Number.isSafeInteger(uid) || uid < 1) throw new StoreError('invalid', `invalid UID ${uid}`);
  }
  return [...new Set(uids)].sort((a, b) => a - b);
}

async function existingUids(tx: Db, folderId: number, uids: readonly number[]): Promise<number[]> {
  const found: number[] = [];
  for (const part of chunks(uniqueSorted(uids), UIDS_PER_QUERY)) {
    const rows = await tx.selectFrom('messages').select('uid').where('folder_id', '=', folderId).where('uid', 'in', part)
      .orderBy('uid').execute();
    for (const row of rows) found.push(Number(row.uid));
  }
  return found;
}

/** "3,4,9" → [3, 4, 9], read digit by digit into an array sized once; sorted if the engine did not keep the order. */
function parseUidList(list: string | null): number[] {
  if (!list) return [];
  let count = 1;
  for (let at = list.indexOf(','); at >= 0; at = list.indexOf(',', at + 1)) count++;
  const uids = new Array<number>(count);
  let ascending = true;
  let value = 0;
  let n = 0;
  for (let i = 0; i <= list.length; i++) {
    const code = i < list.length ? list.charCodeAt(i) : 44;
    if (code !== 44) {
      value = value * 10 + (code - 48);
      continue;
    }
    if (n > 0 && value <= uids[n - 1]!) ascending = false;
    uids[n++] = value;
    value = 0;
  }
  return ascending ? uids : uids.sort((a, b) => a - b);
}
