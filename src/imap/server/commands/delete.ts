// DELETE (RFC 3501 §6.3.4): INBOX and folders with children are refused (the store keeps no \Noselect parents).
// Deleting the mailbox this session has selected first leaves it, as Dovecot does; other sessions get BYE.
import { defineCommand, ok } from '../command.ts';

export const deleteMailbox = defineCommand({
  name: 'DELETE',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    const { store } = session.services;
    if (state.kind === 'selected') {
      const folder = await store.getFolder(state.account.id, command.mailbox.name);
      if (folder?.id === state.mailbox.folderId) session.setState({ kind: 'authenticated', account: state.account });
    }
    await store.deleteFolder(state.account.id, command.mailbox.name);
    return ok('Delete completed.');
  },
});
