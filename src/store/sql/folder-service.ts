// Folders of an account: hierarchy with '/', UIDVALIDITY, subscription, special use (RFC 3501 §6.3, RFC 6154).
import { StoreError } from '../errors.ts';
import { compareFolderNames, isInside, normalizeFolderName, parentNames } from '../names.ts';
import type { ChangeEvent, Folder, FolderSummary, SpecialUse } from '../types.ts';
import { collectBlobGarbageAfterCommit, orphanBlobsOfFolders } from './blob-gc.ts';
import { writeTransaction, type StoreContext } from './context.ts';
import type { Db } from './db-types.ts';
import { findFolderRow, findFolderRowById, insertFolders, listFolderRows, type NewFolder } from './folder-repo.ts';
import { toFolder } from './rows.ts';
import { danglingSubscriptions, keepSubscription, takeSubscription } from './subscriptions.ts';

export class FolderService {
  constructor(private readonly ctx: StoreContext) {}

  /** RFC 3501 §6.3.3: creating "a/b/c" also creates the missing "a" and "a/b". */
  async createFolder(accountId: number, name: string, options: { specialUse?: SpecialUse; subscribed?: boolean } = {}): Promise<Folder> {
    const normalized = normalizeFolderName(name);
    const subscribed = options.subscribed ?? true;
    const { created, folder } = await writeTransaction(this.ctx, `creating folder "${normalized}"`, async (tx) => {
      await requireAccount(tx, accountId);
      if (await findFolderRow(tx, accountId, normalized)) {
        throw new StoreError('exists', `folder "${normalized}" already exists in account #${accountId}`);
      }
      const wanted: NewFolder[] = await missingParents(tx, accountId, normalized, subscribed);
      wanted.push({ name: normalized, specialUse: options.specialUse ?? null, subscribed });
      // a name subscribed while it had no folder: the new folder takes the subscription over
      for (const entry of wanted) if (await takeSubscription(tx, accountId, entry.name)) entry.subscribed = true;
      const created = await insertFolders(tx, accountId, wanted);
      return { created, folder: created[created.length - 1]! };
    });
    for (const row of created) this.publish({ kind: 'folder', accountId, folderId: row.id, action: 'create' });
    return toFolder(folder);
  }

  async getFolder(accountId: number, name: string): Promise<Folder | undefined> {
    const row = await findFolderRow(this.ctx.db, accountId, normalizeFolderName(name));
    return row && toFolder(row);
  }

  async getFolderById(folderId: number): Promise<Folder | undefined> {
    const row = await findFolderRowById(this.ctx.db, folderId);
    return row && toFolder(row);
  }

  async listFolders(accountId: number): Promise<Folder[]> {
    return (await listFolderRows(this.ctx.db, accountId)).map(toFolder).sort((a, b) => compareFolderNames(a.name, b.name));
  }

  /** One grouped query: messages, unseen and bytes for every folder of the account. */
  async summarizeFolders(accountId: number): Promise<FolderSummary[]> {
    const rows = await this.ctx.db.selectFrom('folders')
      .leftJoin('messages', 'messages.folder_id', 'folders.id')
      .selectAll('folders')
      .select((eb) => [
        eb.fn.count<number>('messages.id').as('message_count'),
        eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('messages.seen', '=', 0).then(eb.lit(1)).else(eb.lit(0)).end()), eb.lit(0))
          .as('unseen_count'),
        eb.fn.coalesce(eb.fn.sum<number>('messages.size'), eb.lit(0)).as('byte_count'),
      ])
      .where('folders.account_id', '=', accountId)
      .groupBy('folders.id')
      .execute();
    return rows.map((row) => ({
      ...toFolder(row), messages: Number(row.message_count), unseen: Number(row.unseen_count), bytes: Number(row.byte_count),
    })).sort((a, b) => compareFolderNames(a.name, b.name));
  }

  /**
   * RFC 3501 §6.3.5: children move with the folder; missing parents of the new name are created. Renaming INBOX
   * moves its messages to a new folder and leaves INBOX empty (its children stay).
   */
  async renameFolder(accountId: number, from: string, to: string): Promise<void> {
    const source = normalizeFolderName(from);
    const target = normalizeFolderName(to);
    const events = await writeTransaction(this.ctx, `renaming folder "${source}" to "${target}"`, async (tx) => {
      const rows = await listFolderRows(tx, accountId);
      const byName = new Map(rows.map((r) => [r.name, r]));
      const folder = byName.get(source);
      if (!folder) throw new StoreError('not-found', `folder "${source}" does not exist in account #${accountId}`);
      if (byName.has(target)) throw new StoreError('exists', `cannot rename "${source}": folder "${target}" already exists`);
      if (target === 'INBOX' || isInside(target, source)) {
        throw new StoreError('invalid', `cannot rename "${source}" to "${target}"`);
      }
      if (source === 'INBOX') return renameInbox(tx, accountId, folder, target);
      const moving = rows.filter((r) => r.name === source || isInside(r.name, source));
      const movingIds = new Set(moving.map((r) => r.id));
      const renamed = moving.map((r) => ({ row: r, name: target + r.name.slice(source.length) }));
      for (const { name } of renamed) {
        const clash = byName.get(name);
        if (clash && !movingIds.has(clash.id)) throw new StoreError('exists', `cannot rename "${source}": folder "${name}" already exists`);
      }
      for (const { row, name } of renamed) {
        await tx.updateTable('folders').set({ name }).where('id', '=', row.id).execute();
      }
      const parents = await missingParents(tx, accountId, target, folder.subscribed !== 0);
      const created = await insertFolders(tx, accountId, parents);
      return [
        ...created.map((r): ChangeEvent => ({ kind: 'folder', accountId, folderId: r.id, action: 'create' })),
        ...renamed.map(({ row }): ChangeEvent => ({ kind: 'folder', accountId, folderId: row.id, action: 'rename' })),
      ];
    });
    for (const event of events) this.publish(event);
  }

  /** Refuses INBOX and folders with children (as Dovecot does, rather than leaving a \Noselect parent). */
  async deleteFolder(accountId: number, name: string): Promise<void> {
    const normalized = normalizeFolderName(name);
    const folderId = await writeTransaction(this.ctx, `deleting folder "${normalized}"`, async (tx) => {
      if (normalized === 'INBOX') throw new StoreError('invalid', 'INBOX cannot be deleted (RFC 3501 §6.3.4)');
      const rows = await listFolderRows(tx, accountId);
      const folder = rows.find((r) => r.name === normalized);
      if (!folder) throw new StoreError('not-found', `folder "${normalized}" does not exist in account #${accountId}`);
      const children = rows.filter((r) => isInside(r.name, normalized));
      if (children.length > 0) {
        throw new StoreError('not-empty', `folder "${normalized}" has ${children.length} child folder(s); delete them first`);
      }
      await orphanBlobsOfFolders(tx, [folder.id]);
      await tx.deleteFrom('folders').where('id', '=', folder.id).execute();
      // RFC 3501 §6.3.6: the subscription outlives the folder
      if (folder.subscribed !== 0) await keepSubscription(tx, accountId, normalized);
      return folder.id;
    });
    this.publish({ kind: 'folder', accountId, folderId, action: 'delete' });
    await collectBlobGarbageAfterCommit(this.ctx);
  }

  /** A name without a folder may be subscribed too (RFC 3501 §6.3.6); it is kept apart (subscriptions.ts). */
  async setSubscribed(accountId: number, name: string, subscribed: boolean): Promise<void> {
    const normalized = normalizeFolderName(name);
    await writeTransaction(this.ctx, `${subscribed ? 'subscribing' : 'unsubscribing'} "${normalized}"`, async (tx) => {
      await requireAccount(tx, accountId);
      const result = await tx.updateTable('folders').set({ subscribed: subscribed ? 1 : 0 })
        .where('account_id', '=', accountId).where('name', '=', normalized).executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return;
      if (subscribed) await keepSubscription(tx, accountId, normalized);
      else await takeSubscription(tx, accountId, normalized);
    });
  }

  listDanglingSubscriptions(accountId: number): Promise<string[]> {
    return danglingSubscriptions(this.ctx.db, accountId);
  }

  private publish(event: ChangeEvent): void {
    this.ctx.notifier.publish(event);
  }
}

async function requireAccount(tx: Db, accountId: number): Promise<void> {
  const row = await tx.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
  if (!row) throw new StoreError('not-found', `account #${accountId} does not exist`);
}

async function missingParents(tx: Db, accountId: number, name: string, subscribed: boolean): Promise<NewFolder[]> {
  const parents = parentNames(name);
  if (parents.length === 0) return [];
  const existing = new Set((await tx.selectFrom('folders').select('name').where('account_id', '=', accountId)
    .where('name', 'in', parents).execute()).map((r) => r.name));
  return parents.filter((p) => !existing.has(p)).map((p) => ({ name: p, specialUse: null, subscribed }));
}

type FolderRow = Awaited<ReturnType<typeof findFolderRowById>> & object;

async function renameInbox(tx: Db, accountId: number, inbox: FolderRow, target: string): Promise<ChangeEvent[]> {
  const parents = await missingParents(tx, accountId, target, true);
  // The new folder continues INBOX's counters, so the moved messages keep their UIDs and MODSEQs.
  const created = await insertFolders(tx, accountId, [
    ...parents,
    { name: target, specialUse: null, subscribed: inbox.subscribed !== 0, uidNext: Number(inbox.uid_next), highestModseq: Number(inbox.highest_modseq) },
  ]);
  const newFolder = created[created.length - 1]!;
  const moved = (await tx.selectFrom('messages').select('uid').where('folder_id', '=', inbox.id).orderBy('uid').execute())
    .map((r) => Number(r.uid));
  await tx.updateTable('messages').set({ folder_id: newFolder.id }).where('folder_id', '=', inbox.id).execute();
  const bumped = await tx.updateTable('folders').set((eb) => ({ highest_modseq: eb('highest_modseq', '+', 1) }))
    .where('id', '=', inbox.id).returning('highest_modseq').executeTakeFirstOrThrow();
  const events: ChangeEvent[] = created.map((r) => ({ kind: 'folder', accountId, folderId: r.id, action: 'create' }));
  if (moved.length > 0) {
    events.push({ kind: 'expunge', accountId, folderId: inbox.id, uids: moved, modseq: Number(bumped.highest_modseq) });
  }
  return events;
}
