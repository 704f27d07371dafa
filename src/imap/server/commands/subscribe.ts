// SUBSCRIBE (RFC 3501 §6.3.6): any valid name, with or without a folder; the subscription outlives the folder.
import { defineCommand, ok } from '../command.ts';

export const subscribe = defineCommand({
  name: 'SUBSCRIBE',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    await session.services.store.setSubscribed(state.account.id, command.mailbox.name, true);
    return ok('Subscribe completed.');
  },
});
