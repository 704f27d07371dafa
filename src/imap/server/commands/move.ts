// MOVE and UID MOVE (RFC 6851 §3): copy, then expunge the originals; COPYUID goes in an untagged OK before the
// EXPUNGE (or VANISHED) responses, which the session sends before the tagged OK.
import { codes, untaggedStatus } from '../../codec/index.ts';
import { defineCommand, no, ok } from '../command.ts';
import { copyMessages } from '../copy-messages.ts';

export const move = defineCommand({
  name: 'MOVE',
  states: ['selected'],
  async run(session, command, state) {
    if (state.mailbox.readOnly) return no('Mailbox is read-only.', codes.readOnly());
    const outcome = await copyMessages(session, command, state);
    if (outcome.kind === 'failed') return outcome.result;
    if (outcome.copyUid) await session.send(untaggedStatus('OK', 'Moved UIDs.', outcome.copyUid));
    if (outcome.moved.length > 0) {
      await session.services.store.expunge(state.mailbox.folderId, outcome.moved);
      session.stats.expunged += outcome.moved.length;
    }
    return ok('Move completed.');
  },
});
