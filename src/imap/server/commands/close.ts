// CLOSE (RFC 3501 §6.4.2): silently expunges the \Deleted messages (unless read-only) and leaves the mailbox.
import { defineCommand, ok } from '../command.ts';
import { deletedUids } from '../expunge.ts';

export const close = defineCommand({
  name: 'CLOSE',
  states: ['selected'],
  async run(session, _command, state) {
    const { mailbox, account } = state;
    // no EXPUNGE responses: the session leaves the selected state before announcing anything
    session.setState({ kind: 'authenticated', account });
    if (!mailbox.readOnly) {
      const uids = await deletedUids(session.services.store, mailbox, null);
      if (uids.length > 0) {
        await session.services.store.expunge(mailbox.folderId, uids);
        session.stats.expunged += uids.length;
      }
    }
    return ok('Close completed.');
  },
});
