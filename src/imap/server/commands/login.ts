// LOGIN (RFC 3501 §6.2.3): refused on cleartext unless the policy allows it (LOGINDISABLED, RFC 3501 §7.2.1).
import { defineCommand } from '../command.ts';
import { logIn } from '../login.ts';

export const login = defineCommand({
  name: 'LOGIN',
  states: ['not-authenticated'],
  async run(session, command) {
    return logIn(session, command.userid, command.password, 'LOGIN');
  },
});
