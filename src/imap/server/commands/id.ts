// ID (RFC 2971 §3.1): the client's identification goes to the log; the server names itself.
import { atom, str, untagged } from '../../codec/index.ts';
import { defineCommand, ok } from '../command.ts';

export const id = defineCommand({
  name: 'ID',
  states: ['not-authenticated', 'authenticated', 'selected'],
  async run(session, command) {
    if (command.parameters) session.log.major({ client: Object.fromEntries(command.parameters) }, 'IMAP client ID');
    const fields = ['name', 'mailferry', 'version', session.services.version, 'vendor', 'mailferry'];
    await session.send(untagged(atom('ID'), fields.map((f) => str(f))));
    return ok('ID completed.');
  },
});
