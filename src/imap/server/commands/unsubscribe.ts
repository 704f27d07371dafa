// UNSUBSCRIBE (RFC 3501 §6.3.7).
import { isStoreError } from '../../../store/errors.ts';
import { defineCommand, ok } from '../command.ts';

export const unsubscribe = defineCommand({
  name: 'UNSUBSCRIBE',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    try {
      await session.services.store.setSubscribed(state.account.id, command.mailbox.name, false);
    } catch (error) {
      // a folder that does not exist is not subscribed either: the wanted state holds
      if (!isStoreError(error, 'not-found')) throw error;
    }
    return ok('Unsubscribe completed.');
  },
});
