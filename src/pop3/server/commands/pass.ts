// RFC 1939 §7 PASS: the password for the name given by USER.
import { errLine } from '../../codec/responses.ts';
import type { AuthorizationCommand } from '../command.ts';
import { completeLogin, plaintextRefused } from '../login.ts';

export const passCommand: AuthorizationCommand<'PASS'> = {
  verb: 'PASS',
  state: 'authorization',
  async run(session, command, state) {
    if (!session.plaintextAllowed()) return session.reply(plaintextRefused());
    if (state.user === null) return session.reply(errLine('Send USER first'));
    const user = state.user;
    await completeLogin(session, user, 'USER/PASS', () => session.services.store.verifyPassword(user, command.password));
  },
};
