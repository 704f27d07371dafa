// UNSELECT (RFC 3691): leaves the mailbox without expunging anything.
import { defineCommand, ok } from '../command.ts';

export const unselect = defineCommand({
  name: 'UNSELECT',
  states: ['selected'],
  async run(session, _command, state) {
    session.setState({ kind: 'authenticated', account: state.account });
    return ok('Unselect completed.');
  },
});
