// LSUB (RFC 3501 §6.3.9): the subscribed mailboxes matching the pattern.
import { atom, mailboxName, str, untagged } from '../../codec/index.ts';
import { HIERARCHY_SEPARATOR } from '../../../store/types.ts';
import { defineCommand, ok } from '../command.ts';
import { listMailboxes } from '../list/listing.ts';
import { compilePattern } from '../list/patterns.ts';

export const lsub = defineCommand({
  name: 'LSUB',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    if (command.pattern === '') {
      await session.send(untagged(atom('LSUB'), [atom('\\Noselect')], str(HIERARCHY_SEPARATOR), str('')));
      return ok('Lsub completed.');
    }
    const { store } = session.services;
    const folders = await store.listFolders(state.account.id);
    const listed = listMailboxes(folders, await store.listDanglingSubscriptions(state.account.id), {
      patterns: [compilePattern(command.reference, command.pattern)],
      selection: { subscribed: true, remote: false, recursiveMatch: false, specialUse: false },
      returnSubscribed: false,
      lsub: true,
    });
    for (const mailbox of listed) {
      await session.send(untagged(atom('LSUB'), mailbox.attributes.map(atom), str(HIERARCHY_SEPARATOR), mailboxName(mailbox.name)));
    }
    return ok('Lsub completed.');
  },
});
