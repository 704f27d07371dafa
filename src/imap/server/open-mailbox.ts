// SELECT and EXAMINE (RFC 3501 §6.3.1–6.3.2) with CONDSTORE (RFC 7162 §3.1.8) and QRESYNC (§3.2.5): list the
// folder once to build the sequence map, claim \Recent (SELECT only), and answer the untagged data clients need.
import {
  atom, codes, formatNumbers, toIntervals, untagged, untaggedStatus,
  type OutputChunk, type SelectCommand, type QresyncParameters,
} from '../codec/index.ts';
import { bad, no, ok, type CommandResult, type SessionContext } from './command.ts';
import { flagsResponse, permanentFlagsResponse } from './flag-lists.ts';
import { SelectedMailbox } from './selected-mailbox.ts';
import type { AuthenticatedState, SelectedState } from './state.ts';

export async function openMailbox(
  session: SessionContext, state: AuthenticatedState | SelectedState, command: SelectCommand, options: { readOnly: boolean },
): Promise<CommandResult> {
  if (command.qresync && !session.enabled.has('QRESYNC')) return bad('QRESYNC must be enabled first (RFC 7162 §3.2.5).');
  if (command.condstore) session.enable('CONDSTORE');
  const { store } = session.services;
  const account = state.account;
  if (state.kind === 'selected') {
    // RFC 3501 §6.3.1: the old mailbox is closed first (without expunging), even if this SELECT fails
    session.setState({ kind: 'authenticated', account });
    await session.send(untaggedStatus('OK', 'Previous mailbox closed.', codes.closed()));
  }
  const folder = await store.getFolder(account.id, command.mailbox.name);
  if (!folder) return no(`Mailbox "${command.mailbox.name}" does not exist.`, codes.nonExistent());

  const mailbox = new SelectedMailbox(folder, options);
  // selected before listing: changes made meanwhile queue on the mailbox and are reconciled when announced
  session.setState({ kind: 'selected', account, mailbox });
  const index = await store.folderIndex(folder.id);
  for (const keyword of index.keywords) {
    if (!mailbox.keywords.has(keyword.toLowerCase())) mailbox.keywords.set(keyword.toLowerCase(), keyword);
  }
  mailbox.load(index.uids);
  const firstUnseen = index.firstUnseenUid === null ? 0 : mailbox.seqOf(index.firstUnseenUid);
  mailbox.claimRecent(await store.recentRange(folder.id, { claim: !options.readOnly }));

  const out: OutputChunk[] = [
    ...flagsResponse(mailbox),
    ...permanentFlagsResponse(mailbox),
    ...untagged(mailbox.exists, atom('EXISTS')),
    ...untagged(mailbox.recentCount, atom('RECENT')),
  ];
  if (firstUnseen > 0) out.push(untaggedStatus('OK', 'First unseen.', codes.unseen(firstUnseen)));
  out.push(
    untaggedStatus('OK', 'UIDs valid.', codes.uidValidity(folder.uidValidity)),
    untaggedStatus('OK', 'Predicted next UID.', codes.uidNext(Math.max(folder.uidNext, mailbox.maxUid + 1))),
    // RFC 7162 §3.1.2.1: a CONDSTORE server reports HIGHESTMODSEQ on every SELECT/EXAMINE
    untaggedStatus('OK', 'Highest modification sequence.', codes.highestModSeq(folder.highestModseq)),
  );
  await session.send(out);
  if (command.qresync && command.qresync.uidValidity === folder.uidValidity) {
    await session.send(await resynchronise(session, mailbox, command.qresync, Math.max(folder.uidNext, mailbox.maxUid + 1)));
  }
  return ok(options.readOnly ? 'Examine completed.' : 'Select completed.', options.readOnly ? codes.readOnly() : codes.readWrite());
}

/**
 * RFC 7162 §3.2.5.2: VANISHED (EARLIER) for the known UIDs that are gone, then FETCH for the messages changed
 * since the client's MODSEQ. The store does not keep when a message was expunged, so every known UID that is
 * gone is reported, which the RFC allows.
 */
async function resynchronise(session: SessionContext, mailbox: SelectedMailbox, qresync: QresyncParameters, uidNext: number): Promise<OutputChunk[]> {
  const out: OutputChunk[] = [];
  const highest = uidNext - 1; // every UID ever given out; those not present now were expunged
  const known = qresync.knownUids && qresync.knownUids.kind === 'set'
    ? toIntervals(qresync.knownUids, highest)
    : [[1, highest] as const];
  const vanished: number[] = [];
  const all = mailbox.allUids();
  let index = 0;
  for (const [lo, hi] of known) {
    for (let uid = lo; uid <= Math.min(hi, highest); uid++) {
      while (index < all.length && all[index]! < uid) index++;
      if (all[index] !== uid) vanished.push(uid);
    }
  }
  if (vanished.length > 0) out.push(...untagged(atom('VANISHED'), [atom('EARLIER')], atom(formatNumbers(vanished))));
  for await (const message of session.services.store.iterateMessages(mailbox.folderId, { changedSince: Number(qresync.modseq) })) {
    const seq = mailbox.seqOf(message.uid);
    if (seq === 0) continue;
    const flags = mailbox.isRecent(message.uid) ? [...message.flags, '\\Recent'] : message.flags;
    out.push(...untagged(seq, atom('FETCH'), [atom('UID'), message.uid, atom('FLAGS'), flags.map(atom), atom('MODSEQ'), [message.modseq]]));
  }
  return out;
}
