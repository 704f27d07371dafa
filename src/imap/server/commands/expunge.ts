// EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1): the store's expunge event comes back to this
// session like anyone else's, and is announced as EXPUNGE (or VANISHED with QRESYNC) before the tagged OK.
import { codes } from '../../codec/index.ts';
import { defineCommand, no, ok } from '../command.ts';
import { deletedUids } from '../expunge.ts';

export const expunge = defineCommand({
  name: 'EXPUNGE',
  states: ['selected'],
  async run(session, command, state) {
    const { mailbox } = state;
    if (mailbox.readOnly) return no('Mailbox is read-only.', codes.readOnly());
    let only: Set<number> | null = null;
    if (command.uids) {
      only = new Set();
      for (const index of mailbox.indexes(command.uids, true)) only.add(mailbox.uidAt(index));
    }
    const uids = await deletedUids(session.services.store, mailbox, only);
    if (uids.length > 0) {
      await session.services.store.expunge(mailbox.folderId, uids);
      session.stats.expunged += uids.length;
    }
    // announced now, so that the tagged OK carries the MODSEQ after the expunge (RFC 7162 §3.2.4)
    await session.announce({ expunges: true });
    return ok('Expunge completed.', session.enabled.has('CONDSTORE') ? codes.highestModSeq(mailbox.highestModseq) : undefined);
  },
});
