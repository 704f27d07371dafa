// NOOP (RFC 3501 §6.1.2): does nothing; the session announces mailbox changes after every command.
import { defineCommand, ok } from '../command.ts';

export const noop = defineCommand({
  name: 'NOOP',
  states: ['not-authenticated', 'authenticated', 'selected'],
  async run() {
    return ok('NOOP completed.');
  },
});
