// STATUS (RFC 3501 §6.3.10): counts of a mailbox without selecting it.
import { codes } from '../../codec/index.ts';
import { defineCommand, no, ok } from '../command.ts';
import { statusResponse } from '../mailbox-status.ts';

export const status = defineCommand({
  name: 'STATUS',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    const { store, config } = session.services;
    if (command.items.includes('HIGHESTMODSEQ')) session.enable('CONDSTORE'); // RFC 7162 §3.1
    const summary = (await store.summarizeFolders(state.account.id)).find((f) => f.name === command.mailbox.name);
    if (!summary) return no(`Mailbox "${command.mailbox.name}" does not exist.`, codes.nonExistent());
    await session.send(await statusResponse(store, summary, command.items, config.appendLimitBytes));
    return ok('Status completed.');
  },
});
