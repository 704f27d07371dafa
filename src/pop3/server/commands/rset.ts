// RFC 1939 §5 RSET: unmarks every message marked deleted in this session.
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';

export const rsetCommand: TransactionCommand<'RSET'> = {
  verb: 'RSET',
  state: 'transaction',
  async run(session, _command, { maildrop }) {
    maildrop.resetDeletions();
    const { count, size } = maildrop.stat();
    session.reply(okLine(`Maildrop has ${count} messages (${size} octets)`));
  },
};
