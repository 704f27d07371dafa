// SEARCH and UID SEARCH (RFC 3501 §6.4.4, §6.4.8) with CHARSET, MODSEQ (RFC 7162 §3.1.5), ESEARCH return
// options (RFC 4731) and SAVE (RFC 5182). Messages are read in UID batches, each only as far as the criteria
// need: metadata, then the header block, then the decoded body text.
import { atom, formatNumbers, str, untagged, type SearchCommand, type WireValue } from '../../codec/index.ts';
import type { MessageMeta, MessageWithMime } from '../../../store/types.ts';
import { defineCommand, ok, type SessionContext } from '../command.ts';
import { headerBlockFrom } from '../fetch/header-fields.ts';
import { SequentialReader } from '../fetch/sequential-reader.ts';
import { findText, type TextFound } from '../search/body-text.ts';
import { searchNeeds } from '../search/criteria.ts';
import { matches, type SearchScope } from '../search/evaluate.ts';
import { HeaderIndex } from '../search/header-index.ts';
import type { SelectedMailbox } from '../selected-mailbox.ts';

type Message = MessageMeta & Partial<Pick<MessageWithMime, 'mime'>>;

interface Hit {
  seq: number;
  uid: number;
  modseq: number;
}

async function findMatches(session: SessionContext, mailbox: SelectedMailbox, command: SearchCommand): Promise<Hit[]> {
  const { store } = session.services;
  const needs = searchNeeds(command.criteria);
  const scope: SearchScope = { exists: mailbox.exists, maxUid: mailbox.maxUid, savedUids: new Set(mailbox.savedSearch), nowMs: Date.now() };
  const hits: Hit[] = [];
  const wantsText = needs.bodyNeedles.length > 0 || needs.textNeedles.length > 0;
  if (mailbox.exists === 0) return hits;
  const query = { uidTo: mailbox.maxUid };
  const rows = needs.mime ? store.iterateMessagesWithMime(mailbox.folderId, query) : store.iterateMessages(mailbox.folderId, query);
  for await (const message of rows as AsyncIterable<Message>) {
    const seq = mailbox.seqOf(message.uid);
    if (seq === 0) continue; // not announced to this session yet
    const mime = message.mime;
    let headers: HeaderIndex | null = null;
    let text: TextFound | null = null;
    if (mime && (needs.header || wantsText)) {
      // one stream per message: the header block first, then the parts in offset order
      const reader = new SequentialReader(store.blobs.open(message.sha256));
      try {
        if (needs.header) headers = new HeaderIndex(await headerBlockFrom(reader.range(0, message.size)), mime.envelope);
        if (wantsText) text = await findText(reader, mime, { body: needs.bodyNeedles, text: needs.textNeedles });
      } finally {
        reader.close();
      }
    }
    const subject = { seq, message, mime, recent: mailbox.isRecent(message.uid), headers, text };
    if (matches(command.criteria, subject, scope)) hits.push({ seq, uid: message.uid, modseq: message.modseq });
  }
  return hits;
}

export const search = defineCommand({
  name: 'SEARCH',
  states: ['selected'],
  async run(session, command, state) {
    const { mailbox } = state;
    const needs = searchNeeds(command.criteria);
    if (needs.modseq) session.enable('CONDSTORE'); // RFC 7162 §3.1: a CONDSTORE-enabling command
    const hits = await findMatches(session, mailbox, command);
    const numbers = hits.map((h) => (command.uid ? h.uid : h.seq));
    const options = command.returnOptions;
    // RFC 4731 §3.2 / RFC 7162 §3.1.5: MODSEQ is the highest of the messages returned — only MIN and MAX
    // when those alone are asked for
    const returned = options && !options.includes('ALL') && !options.includes('COUNT')
      ? [options.includes('MIN') ? hits[0] : undefined, options.includes('MAX') ? hits[hits.length - 1] : undefined]
      : hits;
    const highest = returned.reduce((max, h) => Math.max(max, h?.modseq ?? 0), 0);
    if (!options) {
      const values: WireValue[] = [atom('SEARCH'), ...numbers];
      // RFC 7162 §3.1.5: with a MODSEQ criterion the answer ends with the highest MODSEQ of the matches
      if (needs.modseq && hits.length > 0) values.push([atom('MODSEQ'), highest]);
      await session.send(untagged(...values));
      return ok('Search completed.');
    }
    const only = (wanted: ReadonlyArray<string>) => options.every((o) => wanted.includes(o));
    if (options.includes('SAVE')) {
      // RFC 5182 §2.1: with only MIN and/or MAX beside SAVE, only those are saved
      const saved = only(['SAVE', 'MIN', 'MAX']) && options.length > 1
        ? [...new Set([options.includes('MIN') ? hits[0] : undefined, options.includes('MAX') ? hits[hits.length - 1] : undefined])]
          .filter((h): h is Hit => h !== undefined).map((h) => h.uid)
        : hits.map((h) => h.uid);
      mailbox.savedSearch = saved;
    }
    if (options.length === 1 && options[0] === 'SAVE') return ok('Search completed, result saved.');
    // RFC 4731 §3.1: * ESEARCH (TAG "t") [UID] MIN n MAX n COUNT n ALL set
    const values: WireValue[] = [atom('ESEARCH'), [atom('TAG'), str(command.tag)]];
    if (command.uid) values.push(atom('UID'));
    if (numbers.length > 0) {
      if (options.includes('MIN')) values.push(atom('MIN'), numbers[0]!);
      if (options.includes('MAX')) values.push(atom('MAX'), numbers[numbers.length - 1]!);
    }
    if (options.includes('COUNT')) values.push(atom('COUNT'), numbers.length);
    if (options.includes('ALL') && numbers.length > 0) values.push(atom('ALL'), atom(formatNumbers(numbers)));
    if (needs.modseq && hits.length > 0) values.push(atom('MODSEQ'), highest);
    await session.send(untagged(...values));
    return ok('Search completed.');
  },
});
