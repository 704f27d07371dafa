// RENAME (RFC 3501 §6.3.5): children move along; renaming INBOX moves its messages into a new folder.
import { HIERARCHY_SEPARATOR } from '../../../store/types.ts';
import { defineCommand, ok } from '../command.ts';

export const rename = defineCommand({
  name: 'RENAME',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    let target = command.to.name;
    while (target.endsWith(HIERARCHY_SEPARATOR)) target = target.slice(0, -1);
    await session.services.store.renameFolder(state.account.id, command.from.name, target);
    if (state.kind === 'selected' && state.mailbox.name === command.from.name) state.mailbox.name = target;
    return ok('Rename completed.');
  },
});
