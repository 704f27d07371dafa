// Turning a command's sequence set into the messages it names (RFC 3501 §9 sequence-set, §6.4.8 UIDs).
import { largestNumber, type SequenceSet } from '../codec/index.ts';
import { bad } from './command.ts';
import { CommandFailure } from './errors.ts';
import type { SelectedMailbox } from './selected-mailbox.ts';

/**
 * UIDs of the messages a set names, ascending. RFC 3501 §9: a sequence number above the number of messages is
 * an error (BAD, as Dovecot answers); UID sets may name UIDs that do not exist.
 */
export function resolveUids(mailbox: SelectedMailbox, set: SequenceSet, byUid: boolean): number[] {
  if (!byUid && set.kind === 'set' && largestNumber(set) > mailbox.exists) {
    throw new CommandFailure(bad('Invalid message sequence number.'));
  }
  const uids: number[] = [];
  for (const index of mailbox.indexes(set, byUid)) uids.push(mailbox.uidAt(index));
  return uids;
}
