// Removing and moving messages by UID: UID EXPUNGE (RFC 4315 §2.1) expunges only the given UIDs, never
// another client's \Deleted messages; UID MOVE (RFC 6851) or, without it, UID COPY + \Deleted + UID EXPUNGE.
import { hasCapability, requireCapability, requireSelected, type ClientContext } from '../client-context.ts';
import { readCopyUid, type CopyUidResult } from '../response-codes.ts';
import type { UntaggedStatusResponse } from '../responses.ts';
import { chunkUidSets } from '../sequence-set.ts';
import { storeFlags } from './flags.ts';

/** Deletes exactly these UIDs: marks them \Deleted, then UID EXPUNGE (both pipelined). Other messages
 *  flagged \Deleted by someone else stay where they are. */
export async function uidExpunge(context: ClientContext, uids: readonly number[]): Promise<void> {
  requireSelected(context, 'UID EXPUNGE');
  requireCapability(context, 'UIDPLUS', 'UID EXPUNGE');
  if (uids.length === 0) return;
  await Promise.all([
    storeFlags(context, uids, 'add', ['\\Deleted']),
    ...chunkUidSets(uids).map((set) => context.connection.execute({ name: 'UID EXPUNGE', parts: [`UID EXPUNGE ${set}`] })),
  ]);
}

/** Copies the UIDs to `destination` and removes them here; returns the UID mapping when the server gives one. */
export async function move(context: ClientContext, uids: readonly number[], destination: string): Promise<CopyUidResult | undefined> {
  requireSelected(context, 'UID MOVE');
  const target = context.names.encode(destination);
  const sets = chunkUidSets(uids);
  const mapping: CopyUidResult = { uidValidity: 0, map: new Map() };
  const merge = (result: CopyUidResult | undefined) => {
    if (!result) return;
    mapping.uidValidity = result.uidValidity;
    for (const [from, to] of result.map) mapping.map.set(from, to);
  };
  if (hasCapability(context, 'MOVE')) {
    // RFC 6851 §4.3: COPYUID comes in an untagged OK before the EXPUNGEs
    await Promise.all(sets.map(async (set) => {
      const tagged = await context.connection.execute({
        name: 'UID MOVE', parts: ['UID MOVE ', set, ' ', target],
        untagged: { OK: (response) => merge(readCopyUid((response as UntaggedStatusResponse).code)) },
      });
      merge(readCopyUid(tagged.code));
    }));
  } else {
    requireCapability(context, 'UIDPLUS', 'UID MOVE'); // without UID EXPUNGE the fallback could expunge others' \Deleted mail
    await Promise.all(sets.map(async (set) => {
      const tagged = await context.connection.execute({ name: 'UID COPY', parts: ['UID COPY ', set, ' ', target] });
      merge(readCopyUid(tagged.code));
    }));
    await uidExpunge(context, uids);
  }
  return mapping.uidValidity ? mapping : undefined;
}
