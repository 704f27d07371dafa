// IDLE (RFC 2177): "+ idling", then every change to the selected mailbox is announced as it happens (the store's
// notifier wakes the session at once), until the client sends DONE.
import { continuation } from '../../codec/index.ts';
import { isIdleDone } from '../../codec/index.ts';
import { bad, defineCommand, ok } from '../command.ts';

export const idle = defineCommand({
  name: 'IDLE',
  states: ['authenticated', 'selected'],
  async run(session) {
    await session.send(continuation('idling'));
    await session.flush();
    for (;;) {
      await session.announce({ expunges: true });
      await session.flush();
      if (session.state.kind === 'logout') return bad('Session ended during IDLE.');
      const line = session.pollLine();
      if (line === 'too-long') return bad('Expected DONE.');
      if (line) return isIdleDone(line) ? ok('Idle completed.') : bad('Expected DONE.');
      const state = session.state;
      if (state.kind === 'selected' && state.mailbox.hasPending) continue;
      if ((await session.waitForActivity()) === 'closed') return bad('Connection closed during IDLE.');
    }
  },
});
