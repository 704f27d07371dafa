// ENABLE (RFC 5161): CONDSTORE and QRESYNC (RFC 7162 §3.2.3; QRESYNC implies CONDSTORE). Others are ignored.
import { atom, untagged } from '../../codec/index.ts';
import { defineCommand, ok, type Extension } from '../command.ts';

const SUPPORTED = new Set<string>(['CONDSTORE', 'QRESYNC']);

export const enable = defineCommand({
  name: 'ENABLE',
  states: ['authenticated', 'selected'],
  async run(session, command) {
    const newly: string[] = [];
    for (const name of command.capabilities) {
      if (!SUPPORTED.has(name) || session.enabled.has(name as Extension)) continue;
      session.enable(name as Extension);
      newly.push(name);
    }
    // RFC 5161 §3.2: ENABLED lists only what this command newly enabled
    await session.send(untagged(atom('ENABLED'), ...newly.map(atom)));
    return ok('ENABLE completed.');
  },
});
