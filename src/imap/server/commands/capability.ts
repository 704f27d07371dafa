// CAPABILITY (RFC 3501 §6.1.1): the list depends on state and on TLS (see capabilities.ts).
import { atom, untagged } from '../../codec/index.ts';
import { defineCommand, ok } from '../command.ts';

export const capability = defineCommand({
  name: 'CAPABILITY',
  states: ['not-authenticated', 'authenticated', 'selected'],
  async run(session) {
    await session.send(untagged(atom('CAPABILITY'), ...session.capabilities().map(atom)));
    return ok('Capability completed.');
  },
});
