// RFC 1939 §7 TOP msg n: the header, the blank line, and the first n body lines, dot-stuffed.
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';
import { stuffed, topOf } from '../wire-bodies.ts';
import { messageToSend } from './no-such-message.ts';

export const topCommand: TransactionCommand<'TOP'> = {
  verb: 'TOP',
  state: 'transaction',
  async run(session, command, { maildrop }) {
    const found = await messageToSend(session, maildrop, command.message);
    if (!found) return;
    const blob = session.services.store.blobs.open(found.stored.sha256);
    await session.sendMultiline(okLine('Top of message follows'), stuffed(topOf(blob, command.lines)));
  },
};
