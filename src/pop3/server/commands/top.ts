// RFC 1939 §7 TOP msg n: the header, the blank line, and the first n body lines, dot-stuffed.
import { errLine, okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';
import { stuffed, topOf } from '../wire-bodies.ts';
import { noSuchMessage } from './no-such-message.ts';

export const topCommand: TransactionCommand<'TOP'> = {
  verb: 'TOP',
  state: 'transaction',
  async run(session, command, { maildrop }) {
    const found = maildrop.lookup(command.message);
    if (found.kind !== 'ok') return session.reply(noSuchMessage(command.message, found));
    const stored = await maildrop.message(found.index);
    if (!stored) return session.reply(errLine(`Message ${command.message} was removed by another session`));
    const blob = session.services.store.blobs.open(stored.sha256);
    await session.sendMultiline(okLine('Top of message follows'), stuffed(topOf(blob, command.lines)));
  },
};
