// LIST (RFC 3501 §6.3.8) with LIST-EXTENDED selection and return options (RFC 5258), SPECIAL-USE (RFC 6154),
// CHILDREN (RFC 3348) and LIST-STATUS (RFC 5819).
import { atom, mailboxName, str, untagged, type WireValue } from '../../codec/index.ts';
import { HIERARCHY_SEPARATOR } from '../../../store/types.ts';
import { defineCommand, ok } from '../command.ts';
import { listMailboxes } from '../list/listing.ts';
import { compilePattern } from '../list/patterns.ts';
import { statusResponse } from '../mailbox-status.ts';

export const list = defineCommand({
  name: 'LIST',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    const { store, config } = session.services;
    // RFC 3501 §6.3.8: an empty pattern asks for the hierarchy separator and the root of the reference
    if (command.patterns.length === 1 && command.patterns[0] === '' && !command.extended) {
      const root = command.reference.includes(HIERARCHY_SEPARATOR) ? command.reference.slice(0, command.reference.indexOf(HIERARCHY_SEPARATOR) + 1) : '';
      await session.send(untagged(atom('LIST'), [atom('\\Noselect')], str(HIERARCHY_SEPARATOR), str(root)));
      return ok('List completed.');
    }
    const folders = await store.listFolders(state.account.id);
    const dangling = command.selection.subscribed ? await store.listDanglingSubscriptions(state.account.id) : [];
    const listed = listMailboxes(folders, dangling, {
      patterns: command.patterns.map((p) => compilePattern(command.reference, p)),
      selection: command.selection,
      returnSubscribed: command.returns.subscribed,
      lsub: false,
    });
    const statusItems = command.returns.status;
    const summaries = statusItems ? new Map((await store.summarizeFolders(state.account.id)).map((s) => [s.name, s])) : null;
    for (const mailbox of listed) {
      const values: WireValue[] = [atom('LIST'), mailbox.attributes.map(atom), str(HIERARCHY_SEPARATOR), mailboxName(mailbox.name)];
      if (mailbox.childInfo.length > 0) values.push([str('CHILDINFO'), mailbox.childInfo.map((c) => str(c))]);
      await session.send(untagged(...values));
      const summary = summaries?.get(mailbox.name);
      // RFC 5819 §2: STATUS follows its LIST line, for selectable mailboxes only
      if (summary && statusItems) await session.send(await statusResponse(store, summary, statusItems, config.appendLimitBytes));
    }
    return ok('List completed.');
  },
});
