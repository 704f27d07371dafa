// SELECT (RFC 3501 §6.3.1): read-write; claims the \Recent messages for this session.
import { defineCommand } from '../command.ts';
import { openMailbox } from '../open-mailbox.ts';

export const select = defineCommand({
  name: 'SELECT',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    return openMailbox(session, state, command, { readOnly: false });
  },
});
