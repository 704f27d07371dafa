// RFC 7162 §3.2.6: UIDs of a UID set that no longer exist. The store does not remember when a message was
// expunged, so every UID of the set below UIDNEXT that is gone is reported, as the RFC permits.
import { toIntervals, type SequenceSet } from '../codec/index.ts';
import type { Store } from '../../store/store.ts';
import type { SelectedMailbox } from './selected-mailbox.ts';

export async function vanishedUids(store: Store, mailbox: SelectedMailbox, set: SequenceSet): Promise<number[]> {
  if (set.kind !== 'set') return [];
  const folder = await store.getFolderById(mailbox.folderId);
  // every UID given out so far, not only those the session knows: expunged ones lie beyond its last message too
  const highest = Math.max((folder?.uidNext ?? 1) - 1, mailbox.maxUid);
  const gone: number[] = [];
  for (const [lo, hi] of toIntervals(set, highest)) {
    const top = Math.min(hi, highest);
    if (lo > top) continue;
    let expected = lo;
    for await (const message of store.iterateMessages(mailbox.folderId, { uidFrom: lo, uidTo: top })) {
      for (; expected < message.uid; expected++) gone.push(expected);
      expected = message.uid + 1;
    }
    for (; expected <= top; expected++) gone.push(expected);
  }
  return gone;
}
