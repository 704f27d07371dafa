// RFC 1939 §5 DELE: marks the message; it is removed only in the UPDATE state, after QUIT.
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';
import { noSuchMessage } from './no-such-message.ts';

export const deleCommand: TransactionCommand<'DELE'> = {
  verb: 'DELE',
  state: 'transaction',
  async run(session, command, { maildrop }) {
    const found = maildrop.lookup(command.message);
    if (found.kind !== 'ok') return session.reply(noSuchMessage(command.message, found));
    maildrop.markDeleted(found.index);
    session.reply(okLine(`Message ${command.message} marked deleted`));
  },
};
