// COPY and UID COPY (RFC 3501 §6.4.7, §6.4.8) answering COPYUID (RFC 4315 §3).
import { defineCommand, ok } from '../command.ts';
import { copyMessages } from '../copy-messages.ts';

export const copy = defineCommand({
  name: 'COPY',
  states: ['selected'],
  async run(session, command, state) {
    const outcome = await copyMessages(session, command, state);
    if (outcome.kind === 'failed') return outcome.result;
    return ok('Copy completed.', outcome.copyUid);
  },
});
