// RFC 1939 §5 NOOP.
import { okLine } from '../../codec/responses.ts';
import type { TransactionCommand } from '../command.ts';

export const noopCommand: TransactionCommand<'NOOP'> = {
  verb: 'NOOP',
  state: 'transaction',
  async run(session) {
    session.reply(okLine());
  },
};
