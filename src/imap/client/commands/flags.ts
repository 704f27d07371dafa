// UID STORE (RFC 3501 §6.4.6) with UNCHANGEDSINCE (RFC 7162 §3.1.3): set, add or remove flags and
// keywords; a conditional store reports which UIDs were modified meanwhile and were left alone.
import { requireSelected, type ClientContext } from '../client-context.ts';
import { flagList } from '../command-encoding.ts';
import { readModified } from '../response-codes.ts';
import { chunkUidSets } from '../sequence-set.ts';
import type { FlagOperation } from '../../../store/types.ts';

export interface StoreOptions {
  /** only change messages whose MODSEQ is not above this (RFC 7162 §3.1.3) */
  unchangedSince?: number;
}

export interface StoreResult {
  /** UIDs that failed the UNCHANGEDSINCE test and were not changed */
  modified: number[];
}

const OPERATOR: Record<FlagOperation, string> = { set: '', add: '+', remove: '-' };

export async function storeFlags(context: ClientContext, uids: readonly number[], operation: FlagOperation, flags: readonly string[], options: StoreOptions = {}): Promise<StoreResult> {
  requireSelected(context, 'UID STORE');
  const list = flagList(flags);
  const condition = options.unchangedSince !== undefined ? ` (UNCHANGEDSINCE ${options.unchangedSince})` : '';
  const modified: number[] = [];
  await Promise.all(chunkUidSets(uids).map(async (set) => {
    const tagged = await context.connection.execute({ name: 'UID STORE', parts: [`UID STORE ${set}${condition} ${OPERATOR[operation]}FLAGS.SILENT ${list}`] });
    modified.push(...readModified(tagged.code));
  }));
  return { modified: modified.sort((a, b) => a - b) };
}
