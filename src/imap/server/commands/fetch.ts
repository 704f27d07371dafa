// FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8) with CHANGEDSINCE and VANISHED (RFC 7162 §3.1.4, §3.2.6).
// Messages are read from the store a UID range at a time (one query per batch, not per message); the MIME
// structure only when the format cache cannot answer; \Seen is set for a batch in one store call; a batch's
// responses go out together, bodies streaming from the blob store into the socket.
import { atom, untagged, formatNumbers, type OutputChunk } from '../../codec/index.ts';
import { bad, defineCommand, ok, type SessionContext } from '../command.ts';
import type { FetchLine } from '../fetch/fetch-line.ts';
import { fetchResponse, flagList, type FetchedMessage as Message } from '../fetch/message-items.ts';
import { planFetch, type FetchPlan } from '../fetch/plan.ts';
import { resolveUids } from '../message-set.ts';
import type { SelectedMailbox } from '../selected-mailbox.ts';
import { uidQueryRanges } from '../uid-ranges.ts';
import { announceKeywords } from '../updates.ts';
import { vanishedUids } from '../vanished.ts';

const BATCH = 16;

export const fetch = defineCommand({
  name: 'FETCH',
  states: ['selected'],
  async run(session, command, state) {
    if (command.items.some((item) => item.kind === 'binary' || item.kind === 'binary-size')) {
      return bad('BINARY is not supported by this server.');
    }
    const { mailbox } = state;
    const { store } = session.services;
    const plan = planFetch(command, { readOnly: mailbox.readOnly });
    // RFC 7162 §3.1: MODSEQ and CHANGEDSINCE are CONDSTORE-enabling
    if (plan.hasModseq || command.changedSince !== null) session.enable('CONDSTORE');
    const uids = resolveUids(mailbox, command.sequence, command.uid);
    if (command.vanished && command.changedSince !== null) {
      const gone = await vanishedUids(store, mailbox, command.sequence);
      if (gone.length > 0) await session.send(untagged(atom('VANISHED'), [atom('EARLIER')], atom(formatNumbers(gone))));
    }
    const changedSince = command.changedSince === null ? undefined : Number(command.changedSince);
    let batch: Message[] = [];
    let next = 0; // position in `uids`: ranges ascend, so one pass over the list
    const shape = plan.needsMime ? 'mime' : plan.needsContent ? 'meta' : 'flags';
    for (const [lo, hi] of uidQueryRanges(uids)) {
      const query = { uidFrom: lo, uidTo: hi, changedSince };
      for await (const rows of store.messageBatches(mailbox.folderId, shape, query) as AsyncIterable<Message[]>) {
        for (const message of rows) {
          while (next < uids.length && uids[next]! < message.uid) next++;
          if (uids[next] !== message.uid) continue; // in the queried range but not asked for
          batch.push(message);
          if (batch.length >= BATCH) {
            await answer(session, mailbox, plan, batch);
            batch = [];
          }
        }
      }
    }
    if (batch.length > 0) await answer(session, mailbox, plan, batch);
    return ok('Fetch completed.');
  },
});

/** Formatted parts for every message of the batch: from the cache, else from the structure, read for the misses. */
async function fillParts(session: SessionContext, mailbox: SelectedMailbox, batch: Message[]): Promise<void> {
  const { store, formatCache } = session.services;
  // get(), not has(): a hit becomes most recent, so filling this batch's misses cannot evict it
  const missing = batch.filter((m) => !m.mime && !formatCache.get(m.id));
  if (missing.length === 0) return;
  const wanted = new Map(missing.map((m) => [m.uid, m]));
  const query = { uidFrom: missing[0]!.uid, uidTo: missing[missing.length - 1]!.uid };
  for await (const row of store.iterateMessagesWithMime(mailbox.folderId, query)) {
    const message = wanted.get(row.uid);
    if (message) message.mime = row.mime;
  }
}

async function setSeen(session: SessionContext, mailbox: SelectedMailbox, batch: Message[]): Promise<Set<number>> {
  const flagsChanged = new Set<number>();
  const unseen = batch.filter((m) => !m.flags.includes('\\Seen')).map((m) => m.uid);
  if (unseen.length === 0) return flagsChanged;
  const changed = await session.services.store.updateFlags(mailbox.folderId, unseen, 'add', ['\\Seen']);
  if (changed.length > 0) mailbox.noteOwnChange(changed[0]!.modseq);
  const byUid = new Map(changed.map((m) => [m.uid, m]));
  for (const message of batch) {
    const updated = byUid.get(message.uid);
    if (!updated) continue;
    message.flags = updated.flags;
    message.modseq = updated.modseq;
    flagsChanged.add(message.uid);
  }
  return flagsChanged;
}

async function answer(session: SessionContext, mailbox: SelectedMailbox, plan: FetchPlan, batch: Message[]): Promise<void> {
  const { store, formatCache } = session.services;
  if (plan.needsParts) await fillParts(session, mailbox, batch);
  const flagsChanged = plan.setsSeen ? await setSeen(session, mailbox, batch) : new Set<number>();
  // RFC 3501 §7.2.6: FLAGS lists every keyword before a FETCH shows it (another session may have just added one)
  const out: OutputChunk[] = plan.hasFlags || flagsChanged.size > 0 ? announceKeywords(mailbox, batch.flatMap((m) => m.flags)) : [];
  const condstore = session.enabled.has('CONDSTORE');
  // RFC 3501 §6.4.5: when FETCH sets \Seen, the new flags are part of the answer
  const seenChange = flagsChanged.size === 0 || plan.hasFlags ? undefined : (line: FetchLine, message: Message, recent: boolean) => {
    if (!flagsChanged.has(message.uid)) return;
    line.item('FLAGS', flagList(message.flags, recent));
    if (condstore && !plan.hasModseq) line.item('MODSEQ', `(${message.modseq})`);
  };
  for (const message of batch) {
    const seq = mailbox.seqOf(message.uid);
    if (seq === 0) continue;
    const recent = mailbox.isRecent(message.uid);
    // fillParts made this batch's entries the most recent: peek() without reordering again
    const parts = plan.needsParts ? (message.mime ? formatCache.fill(message.id, message.mime) : formatCache.peek(message.id)) : undefined;
    if (plan.needsParts && !parts) continue; // expunged between the two reads: nothing left to show
    const response = fetchResponse(seq, plan.items, message, { blobs: store.blobs, recent, parts }, seenChange && ((line) => seenChange(line, message, recent)));
    if (response instanceof Promise) out.push(...(await response));
    else for (const chunk of response) out.push(chunk);
  }
  session.stats.fetched += batch.length;
  await session.send(out);
}
