// UNSUBSCRIBE (RFC 3501 §6.3.7).
import { defineCommand, ok } from '../command.ts';

export const unsubscribe = defineCommand({
  name: 'UNSUBSCRIBE',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    await session.services.store.setSubscribed(state.account.id, command.mailbox.name, false);
    return ok('Unsubscribe completed.');
  },
});
