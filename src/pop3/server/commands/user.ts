// RFC 1939 §7 USER: names the mailbox; PASS follows. The answer does not reveal whether the user exists.
import { okLine } from '../../codec/responses.ts';
import type { AuthorizationCommand } from '../command.ts';
import { plaintextRefused } from '../login.ts';

export const userCommand: AuthorizationCommand<'USER'> = {
  verb: 'USER',
  state: 'authorization',
  async run(session, command, state) {
    if (!session.plaintextAllowed()) return session.reply(plaintextRefused());
    session.setState({ ...state, user: command.name });
    session.reply(okLine('Send PASS'));
  },
};
