// APPEND (RFC 3501 §6.3.11) with MULTIAPPEND (RFC 3502) and APPENDUID (RFC 4315 §3). Literals were staged into
// the blob store as they arrived (or are staged now when they were small); the blobs are committed and all the
// messages added in one store transaction, so a MULTIAPPEND lands all or nothing.
import { codes } from '../../codec/index.ts';
import { stageMessage, type StagedMessage } from '../../../store/ingest.ts';
import type { AppendRequest } from '../../../store/types.ts';
import { defineCommand, no, ok } from '../command.ts';

export const append = defineCommand({
  name: 'APPEND',
  states: ['authenticated', 'selected'],
  async run(session, command, state) {
    const { store, config } = session.services;
    const folder = await store.getFolder(state.account.id, command.mailbox.name);
    const staged: StagedMessage[] = [];
    try {
      for (const message of command.messages) {
        const content = message.content;
        const item = content.kind === 'literal'
          ? await stageMessage(store.blobs, content.data)
          : session.takeStagedLiteral(content.index);
        if (!item) return no('The message could not be received.', codes.serverBug());
        staged.push(item);
      }
      if (!folder) return no(`Mailbox "${command.mailbox.name}" does not exist.`, codes.tryCreate());
      if (staged.some((s) => s.size === 0)) return no('An empty message cannot be appended.', codes.cannot());
      if (staged.some((s) => s.size > config.appendLimitBytes)) return no('Message larger than APPENDLIMIT.', codes.tooBig());
      const requests: AppendRequest[] = [];
      for (const [i, item] of staged.entries()) {
        const message = command.messages[i]!;
        const blob = await item.writer.commit();
        requests.push({ folderId: folder.id, blob, mime: item.mime, flags: message.flags, internalDate: message.internalDate ?? undefined });
      }
      staged.length = 0;
      const outcomes = await store.appendMessages(requests);
      const uids = outcomes.flatMap((o) => (o.status === 'appended' ? [o.message.uid] : []));
      session.stats.appended += uids.length;
      return ok('Append completed.', codes.appendUid(folder.uidValidity, uids));
    } finally {
      for (const item of staged) await item.writer.abort().catch(() => undefined);
    }
  },
});
