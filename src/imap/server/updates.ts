// Announcing other writers' changes to a selected mailbox (RFC 3501 §7.3.1 EXISTS/RECENT, §7.4.1 EXPUNGE,
// §7.4.2 unsolicited FETCH FLAGS; RFC 7162 §3.2.10 VANISHED once QRESYNC is enabled). The store's events only
// say which UIDs changed; current flags are read back from the store when announced.
import { atom, formatNumbers, untagged, untaggedStatus, codes, type OutputChunk, type WireValue } from '../codec/index.ts';
import type { Store } from '../../store/store.ts';
import { flagsResponse, permanentFlagsResponse } from './flag-lists.ts';
import type { SelectedMailbox } from './selected-mailbox.ts';
import { uidIntervals } from './uid-ranges.ts';

export interface AnnounceOptions {
  /** RFC 3501 §7.4.1: false while answering FETCH, STORE or SEARCH */
  expunges: boolean;
  condstore: boolean;
  qresync: boolean;
}

export async function collectUpdates(store: Store, mailbox: SelectedMailbox, options: AnnounceOptions): Promise<OutputChunk[]> {
  const out: OutputChunk[] = [];
  const events = mailbox.takePending({ expunges: options.expunges });
  if (events.length === 0) return out;
  const expunged: number[] = [];
  const appended: number[] = [];
  const flagged = new Set<number>();
  for (const event of events) {
    if (event.modseq > mailbox.highestModseq) mailbox.highestModseq = event.modseq;
    if (event.kind === 'expunge') expunged.push(...event.uids);
    else if (event.kind === 'append') appended.push(...event.uids);
    else if (!mailbox.isOwnChange(event.modseq)) for (const uid of event.uids) flagged.add(uid);
  }

  if (expunged.length > 0) {
    const removed = mailbox.removeMessages(expunged);
    if (options.qresync && removed.uids.length > 0) {
      // RFC 7162 §3.2.10: VANISHED replaces EXPUNGE once QRESYNC is enabled
      out.push(...untagged(atom('VANISHED'), atom(formatNumbers(removed.uids.sort((a, b) => a - b)))));
    } else {
      for (const seq of removed.sequences) out.push(...untagged(seq, atom('EXPUNGE')));
    }
  }

  const added = mailbox.addMessages(appended.sort((a, b) => a - b));
  if (added.length > 0) {
    mailbox.claimRecent(await store.recentRange(mailbox.folderId, { claim: !mailbox.readOnly }));
    out.push(...untagged(mailbox.exists, atom('EXISTS')), ...untagged(mailbox.recentCount, atom('RECENT')));
    // new messages may bring keywords the client has not been told about in FLAGS
    const fresh: string[] = [];
    for await (const message of store.iterateMessages(mailbox.folderId, { uidFrom: added[0] })) {
      for (const flag of message.flags) if (!flag.startsWith('\\') && !mailbox.keywords.has(flag.toLowerCase())) fresh.push(flag);
    }
    if (fresh.length > 0) out.push(...announceKeywords(mailbox, fresh));
  }

  if (flagged.size > 0) out.push(...(await flagChanges(store, mailbox, [...flagged], options)));
  return out;
}

/** `* FLAGS` and PERMANENTFLAGS again when keywords appear that the client was not told of. */
export function announceKeywords(mailbox: SelectedMailbox, flags: Iterable<string>): OutputChunk[] {
  let changed = false;
  for (const flag of flags) {
    const key = flag.toLowerCase();
    if (flag.startsWith('\\') || mailbox.keywords.has(key)) continue;
    mailbox.keywords.set(key, flag);
    changed = true;
  }
  if (!changed) return [];
  return [...flagsResponse(mailbox), ...permanentFlagsResponse(mailbox)];
}

async function flagChanges(store: Store, mailbox: SelectedMailbox, uids: number[], options: AnnounceOptions): Promise<OutputChunk[]> {
  const known = uids.filter((uid) => mailbox.seqOf(uid) > 0).sort((a, b) => a - b);
  const fetches: OutputChunk[] = [];
  const keywords: string[] = [];
  const wanted = new Set(known);
  for (const [lo, hi] of uidIntervals(known)) {
    for await (const message of store.iterateMessages(mailbox.folderId, { uidFrom: lo, uidTo: hi })) {
      if (!wanted.has(message.uid)) continue;
      const seq = mailbox.seqOf(message.uid);
      if (seq === 0) continue;
      const flags = mailbox.isRecent(message.uid) ? [...message.flags, '\\Recent'] : message.flags;
      keywords.push(...message.flags);
      // UID is included so clients can match it without a sequence map (required with QRESYNC, RFC 7162 §3.2.4)
      const items: WireValue[] = [atom('UID'), message.uid, atom('FLAGS'), flags.map(atom)];
      if (options.condstore) items.push(atom('MODSEQ'), [message.modseq]);
      fetches.push(...untagged(seq, atom('FETCH'), items));
    }
  }
  return [...announceKeywords(mailbox, keywords), ...fetches];
}

/** `* BYE` for a session whose selected folder was deleted by someone else. */
export function mailboxDeletedBye(): Buffer {
  return untaggedStatus('BYE', 'Selected mailbox was deleted, have to disconnect', codes.code('UNAVAILABLE'));
}
