// EXAMINE (RFC 3501 §6.3.2): like SELECT but read-only; \Recent stays for the next SELECT.
import { defineCommand } from '../command.ts';
import { openMailbox } from '../open-mailbox.ts';

export const examine = defineCommand({
  name: 'EXAMINE',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    return openMailbox(session, state, command, { readOnly: true });
  },
});
