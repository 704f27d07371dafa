// STORE and UID STORE (RFC 3501 §6.4.6, §6.4.8) with UNCHANGEDSINCE (RFC 7162 §3.1.3). The new flags of every
// message named are answered with FETCH unless .SILENT; this session's own change is not announced twice.
import { codes, type OutputChunk } from '../../codec/index.ts';
import { defineCommand, no, ok } from '../command.ts';
import { FetchLine } from '../fetch/fetch-line.ts';
import { flagList } from '../fetch/message-items.ts';
import { resolveUids } from '../message-set.ts';
import { uidQueryRanges } from '../uid-ranges.ts';
import { announceKeywords } from '../updates.ts';

export const store = defineCommand({
  name: 'STORE',
  states: ['selected'],
  async run(session, command, state) {
    const { mailbox } = state;
    const { store: messages } = session.services;
    if (mailbox.readOnly) return no('Mailbox is read-only.', codes.readOnly());
    if (command.unchangedSince !== null) session.enable('CONDSTORE');
    const condstore = session.enabled.has('CONDSTORE');
    let uids = resolveUids(mailbox, command.sequence, command.uid);
    const modified: number[] = [];
    if (command.unchangedSince !== null) {
      // RFC 7162 §3.1.3: messages changed since the client's MODSEQ are left alone and reported as MODIFIED
      const limit = Number(command.unchangedSince);
      const wanted = new Set(uids);
      const allowed: number[] = [];
      for (const [lo, hi] of uidQueryRanges(uids)) {
        for await (const message of messages.iterateMessages(mailbox.folderId, { uidFrom: lo, uidTo: hi })) {
          if (!wanted.has(message.uid)) continue;
          if (message.modseq > limit) modified.push(command.uid ? message.uid : mailbox.seqOf(message.uid));
          else allowed.push(message.uid);
        }
      }
      uids = allowed;
    }
    const changed = uids.length > 0 ? await messages.updateFlags(mailbox.folderId, uids, command.operation, command.flags) : [];
    if (changed.length > 0) mailbox.noteOwnChange(changed[0]!.modseq);
    const out: OutputChunk[] = [...announceKeywords(mailbox, command.flags)];
    const lines: OutputChunk[] = [];
    if (!command.silent || condstore) {
      const changedUids = new Set(changed.map((m) => m.uid));
      const wanted = new Set(uids);
      for (const [lo, hi] of uidQueryRanges(uids)) {
        for await (const message of messages.iterateMessages(mailbox.folderId, { uidFrom: lo, uidTo: hi })) {
          const seq = mailbox.seqOf(message.uid);
          if (!wanted.has(message.uid) || seq === 0) continue;
          // RFC 7162 §3.1.3: with CONDSTORE even .SILENT reports the new MODSEQ of what changed
          if (command.silent && !changedUids.has(message.uid)) continue;
          const line = new FetchLine(seq);
          if (command.uid) line.item('UID', String(message.uid));
          if (!command.silent) line.item('FLAGS', flagList(message.flags, mailbox.isRecent(message.uid)));
          if (condstore) line.item('MODSEQ', `(${message.modseq})`);
          out.push(...announceKeywords(mailbox, message.flags));
          lines.push(...line.finish());
        }
      }
    }
    await session.send([...out, ...lines]);
    if (modified.length > 0) return ok('Conditional store failed for some messages.', codes.modified(modified.sort((a, b) => a - b)));
    return ok('Store completed.');
  },
});
