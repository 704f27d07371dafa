// CREATE (RFC 3501 §6.3.3) with USE (RFC 6154 §3): missing parents are created too; a trailing separator only
// says the client intends children and is dropped.
import { codes } from '../../codec/index.ts';
import { HIERARCHY_SEPARATOR, type SpecialUse } from '../../../store/types.ts';
import { defineCommand, no, ok } from '../command.ts';

const SPECIAL_USES = new Set<string>(['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Junk', '\\Sent', '\\Trash']);

export const create = defineCommand({
  name: 'CREATE',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    let name = command.mailbox.name;
    while (name.endsWith(HIERARCHY_SEPARATOR)) name = name.slice(0, -1);
    if (name === '') return no('Empty mailbox name.', codes.cannot());
    if (name.toUpperCase() === 'INBOX') return no('INBOX always exists.', codes.alreadyExists());
    const uses = command.specialUse;
    if (uses.length > 1 || uses.some((u) => !SPECIAL_USES.has(u))) {
      return no('Only one of \\All \\Archive \\Drafts \\Flagged \\Junk \\Sent \\Trash may be given.', codes.useAttr());
    }
    // RFC 3501 §6.3.3: CREATE does not subscribe (nor do the parents it creates)
    await session.services.store.createFolder(state.account.id, name, { specialUse: uses[0] as SpecialUse | undefined, subscribed: false });
    return ok('Create completed.');
  },
});
