// How much of a side must be listed: only what changed since the last run when the side keeps MODSEQs
// (CONDSTORE, RFC 7162 §3.1.4.1) and nothing invalidated them, otherwise everything.
import type { FolderHandle, MessageIdentity } from '../endpoints/endpoint.ts';
import type { SideView } from './plan.ts';

export async function collect(source: AsyncIterable<MessageIdentity>): Promise<MessageIdentity[]> {
  const list: MessageIdentity[] = [];
  for await (const identity of source) list.push(identity);
  return list;
}

/**
 * `sinceModseq` is the side's HIGHESTMODSEQ at the end of the last complete run, or null. `needPresent`: the
 * caller must know every identity still there (to see removals).
 */
export async function sideView(folder: FolderHandle, sinceModseq: number | null, needPresent: boolean): Promise<SideView> {
  if (folder.changes && sinceModseq !== null) {
    const changed = await collect(folder.changes.listChanged(sinceModseq));
    return needPresent ? { changed, present: new Set(await folder.changes.ids()) } : { changed };
  }
  const all = await collect(folder.list());
  return { changed: all, present: new Set(all.map((identity) => identity.id)) };
}

/** UIDs ascending (arrival order), names otherwise as listed. */
export function inArrivalOrder(identities: MessageIdentity[]): MessageIdentity[] {
  return identities.every((identity) => identity.uid !== undefined)
    ? [...identities].sort((a, b) => a.uid! - b.uid!)
    : identities;
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}
