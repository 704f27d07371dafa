// The transfer ledger over SQL (see ../transfer-ledger.ts). Entries are rows of the `ledger` table (keyed by
// pair and "<folder> NUL <source id>"), so a local destination writes them in its own append transaction;
// folder states and pending appends have tables of their own.
import type { Selectable } from 'kysely';
import {
  ledgerSourceKey, type LedgerChanges, type LedgerFolderState, type PendingAppend, type TransferDirection, type TransferEntry, type TransferLedgerStore,
} from '../transfer-ledger.ts';
import { writeTransaction, type StoreContext } from './context.ts';
import type { Db, LedgerPendingTable, LedgerTable } from './db-types.ts';
import { chunks } from './rows.ts';

const KEYS_PER_QUERY = 400;

function joinFlags(flags: readonly string[]): string {
  return flags.join(' ');
}

function splitFlags(text: string | null): string[] {
  return text ? text.split(' ').filter((flag) => flag !== '') : [];
}

/** The transfer columns of a ledger row; `uid` is the local UID when the destination is the store itself. */
export function transferColumns(entry: TransferEntry, uid: number | null) {
  return {
    folder: entry.folder, source_id: entry.sourceId, dest_id: entry.destId ?? (uid === null ? null : String(uid)),
    size: entry.size, message_id: entry.messageId, flags: joinFlags(entry.flags),
  };
}

function toEntry(row: Pick<Selectable<LedgerTable>, 'folder' | 'source_id' | 'dest_id' | 'size' | 'sha256' | 'message_id' | 'flags'>): TransferEntry {
  return {
    folder: row.folder ?? '', sourceId: row.source_id ?? '', destId: row.dest_id, size: Number(row.size ?? 0),
    sha256: row.sha256 ?? '', messageId: row.message_id, flags: splitFlags(row.flags),
  };
}

function toPending(row: Selectable<LedgerPendingTable>): PendingAppend {
  return {
    folder: row.folder, direction: row.direction as TransferDirection, originId: row.origin_id, size: Number(row.size),
    sha256: row.sha256, messageId: row.message_id, flags: splitFlags(row.flags),
    targetUidNext: row.target_uid_next === null ? null : Number(row.target_uid_next),
  };
}

function numberOrNull(value: number | string | null | bigint): number | null {
  return value === null ? null : Number(value);
}

async function insertEntries(tx: Db, pair: string, entries: readonly TransferEntry[]): Promise<void> {
  const now = Date.now();
  for (const part of chunks(entries, 100)) {
    await tx.insertInto('ledger').values(part.map((entry) => ({
      pair, source: ledgerSourceKey(entry.folder, entry.sourceId), folder_id: null, uid: null, sha256: entry.sha256,
      created_at: now, ...transferColumns(entry, null),
    }))).onConflict((oc) => oc.columns(['pair', 'source']).doUpdateSet((eb) => ({
      dest_id: eb.ref('excluded.dest_id'), sha256: eb.ref('excluded.sha256'), size: eb.ref('excluded.size'),
      message_id: eb.ref('excluded.message_id'), flags: eb.ref('excluded.flags'), folder: eb.ref('excluded.folder'),
      source_id: eb.ref('excluded.source_id'),
    }))).execute();
  }
}

/** One DELETE per folder and direction (and per 400 origins), not one per append. */
async function deletePending(tx: Db, pair: string, pending: readonly PendingAppend[]): Promise<void> {
  const groups = new Map<string, { folder: string; direction: string; origins: string[] }>();
  for (const item of pending) {
    const key = `${item.folder}\u0000${item.direction}`;
    const group = groups.get(key) ?? { folder: item.folder, direction: item.direction, origins: [] };
    group.origins.push(item.originId);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    for (const part of chunks(group.origins, KEYS_PER_QUERY)) {
      await tx.deleteFrom('ledger_pending').where('pair', '=', pair).where('folder', '=', group.folder)
        .where('direction', '=', group.direction).where('origin_id', 'in', part).execute();
    }
  }
}

async function insertPending(tx: Db, pair: string, pending: readonly PendingAppend[]): Promise<void> {
  const now = Date.now();
  for (const part of chunks(pending, 100)) {
    await tx.insertInto('ledger_pending').values(part.map((item) => ({
      pair, folder: item.folder, direction: item.direction, origin_id: item.originId, size: item.size, sha256: item.sha256,
      message_id: item.messageId, flags: joinFlags(item.flags), target_uid_next: item.targetUidNext, created_at: now,
    }))).execute();
  }
}

function sameFolderState(a: LedgerFolderState, b: LedgerFolderState): boolean {
  return a.destFolder === b.destFolder && a.sourceUidValidity === b.sourceUidValidity && a.destUidValidity === b.destUidValidity
    && a.sourceModseq === b.sourceModseq && a.destModseq === b.destModseq && a.sourceUidNext === b.sourceUidNext && a.destUidNext === b.destUidNext;
}

export class SqlTransferLedger implements TransferLedgerStore {
  constructor(private readonly ctx: StoreContext) {}

  async folderState(pair: string, folder: string): Promise<LedgerFolderState | undefined> {
    const row = await this.ctx.db.selectFrom('ledger_folders').selectAll().where('pair', '=', pair).where('folder', '=', folder)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      folder: row.folder, destFolder: row.dest_folder,
      sourceUidValidity: numberOrNull(row.source_uid_validity), destUidValidity: numberOrNull(row.dest_uid_validity),
      sourceModseq: numberOrNull(row.source_modseq), destModseq: numberOrNull(row.dest_modseq),
      sourceUidNext: numberOrNull(row.source_uid_next), destUidNext: numberOrNull(row.dest_uid_next),
    };
  }

  async saveFolderState(pair: string, state: LedgerFolderState): Promise<void> {
    // an unchanged state is not written again: a poll of an empty mailbox (or a no-op sync) costs no commit fsync
    const current = await this.folderState(pair, state.folder);
    if (current && sameFolderState(current, state)) return;
    const values = {
      dest_folder: state.destFolder, source_uid_validity: state.sourceUidValidity, dest_uid_validity: state.destUidValidity,
      source_modseq: state.sourceModseq, dest_modseq: state.destModseq, source_uid_next: state.sourceUidNext,
      dest_uid_next: state.destUidNext, updated_at: Date.now(),
    };
    await writeTransaction(this.ctx, `saving transfer state of ${state.folder}`, (tx) =>
      tx.insertInto('ledger_folders').values({ pair, folder: state.folder, ...values })
        .onConflict((oc) => oc.columns(['pair', 'folder']).doUpdateSet(values)).execute());
  }

  async entries(pair: string, folder: string): Promise<TransferEntry[]> {
    const rows = await this.ctx.db.selectFrom('ledger')
      .select(['folder', 'source_id', 'dest_id', 'size', 'sha256', 'message_id', 'flags'])
      .where('pair', '=', pair).where('folder', '=', folder).execute();
    return rows.map(toEntry);
  }

  async record(pair: string, entries: readonly TransferEntry[], settled: readonly PendingAppend[] = []): Promise<void> {
    await this.write(pair, { record: entries, settle: settled });
  }

  async updateFlags(pair: string, folder: string, updates: ReadonlyArray<{ sourceId: string; flags: string[] }>): Promise<void> {
    if (updates.length === 0) return;
    await writeTransaction(this.ctx, `recording flags of ${updates.length} message(s)`, async (tx) => {
      for (const update of updates) {
        await tx.updateTable('ledger').set({ flags: joinFlags(update.flags) }).where('pair', '=', pair)
          .where('source', '=', ledgerSourceKey(folder, update.sourceId)).execute();
      }
    });
  }

  async remove(pair: string, folder: string, sourceIds: readonly string[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await writeTransaction(this.ctx, `forgetting ${sourceIds.length} transferred message(s)`, async (tx) => {
      for (const part of chunks(sourceIds.map((id) => ledgerSourceKey(folder, id)), KEYS_PER_QUERY)) {
        await tx.deleteFrom('ledger').where('pair', '=', pair).where('source', 'in', part).execute();
      }
    });
  }

  async replaceFolder(pair: string, folder: string, entries: readonly TransferEntry[]): Promise<void> {
    await writeTransaction(this.ctx, `re-matching transferred messages of ${folder}`, async (tx) => {
      await tx.deleteFrom('ledger').where('pair', '=', pair).where('folder', '=', folder).execute();
      await insertEntries(tx, pair, entries);
    });
  }

  async addPending(pair: string, pending: readonly PendingAppend[]): Promise<void> {
    await this.write(pair, { pending });
  }

  async write(pair: string, changes: LedgerChanges): Promise<void> {
    const pending = changes.pending ?? [];
    const record = changes.record ?? [];
    const settle = changes.settle ?? [];
    if (pending.length + record.length + settle.length === 0) return;
    await writeTransaction(this.ctx, `recording ${record.length} copied, ${pending.length} pending message(s)`, async (tx) => {
      await insertEntries(tx, pair, record);
      await deletePending(tx, pair, settle);
      await insertPending(tx, pair, pending);
    });
  }

  async pending(pair: string, folder: string): Promise<PendingAppend[]> {
    const rows = await this.ctx.db.selectFrom('ledger_pending').selectAll().where('pair', '=', pair).where('folder', '=', folder)
      .orderBy('id').execute();
    return rows.map(toPending);
  }

  async settlePending(pair: string, pending: readonly PendingAppend[]): Promise<void> {
    if (pending.length === 0) return;
    await writeTransaction(this.ctx, `settling ${pending.length} append(s)`, (tx) => deletePending(tx, pair, pending));
  }

  async forgetPair(pair: string): Promise<void> {
    await writeTransaction(this.ctx, `forgetting transfer ${pair}`, async (tx) => {
      await tx.deleteFrom('ledger').where('pair', '=', pair).execute();
      await tx.deleteFrom('ledger_folders').where('pair', '=', pair).execute();
      await tx.deleteFrom('ledger_pending').where('pair', '=', pair).execute();
    });
  }
}
