// LOGOUT (RFC 3501 §6.1.3): BYE, then the tagged OK, then the connection closes.
import { untaggedStatus } from '../../codec/index.ts';
import { defineCommand, ok } from '../command.ts';

export const logout = defineCommand({
  name: 'LOGOUT',
  states: ['not-authenticated', 'authenticated', 'selected'],
  async run(session) {
    await session.send(untaggedStatus('BYE', 'Logging out.'));
    session.end('logout');
    return ok('Logout completed.');
  },
});
