// The messages EXPUNGE, UID EXPUNGE, CLOSE and MOVE remove: those the session knows that carry \Deleted
// (RFC 3501 §6.4.3), optionally limited to a UID set (RFC 4315 §2.1). Read from the store in UID ranges.
import type { Store } from '../../store/store.ts';
import type { SelectedMailbox } from './selected-mailbox.ts';

export async function deletedUids(store: Store, mailbox: SelectedMailbox, only: ReadonlySet<number> | null): Promise<number[]> {
  const found: number[] = [];
  if (mailbox.exists === 0) return found;
  for await (const message of store.iterateMessages(mailbox.folderId, { uidTo: mailbox.maxUid })) {
    if (!message.flags.includes('\\Deleted')) continue;
    if (only && !only.has(message.uid)) continue;
    if (mailbox.seqOf(message.uid) === 0) continue;
    found.push(message.uid);
  }
  return found;
}
