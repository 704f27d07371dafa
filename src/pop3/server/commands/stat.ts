// RFC 1939 §5 STAT: "+OK count octets", deleted messages left out.
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';

export const statCommand: TransactionCommand<'STAT'> = {
  verb: 'STAT',
  state: 'transaction',
  async run(session, _command, state) {
    const { count, size } = state.maildrop.stat();
    session.reply(okLine(`${count} ${size}`));
  },
};
