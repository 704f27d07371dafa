// RFC 1939 §7 APOP: MD5 of the greeting's timestamp and a shared secret. Offered only when an APOP secret
// source is configured (the store keeps password hashes, not the plaintext APOP needs); see services.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import { errLine } from '../../codec/responses.ts';
import type { AuthorizationCommand } from '../command.ts';
import { completeLogin } from '../login.ts';

export const apopCommand: AuthorizationCommand<'APOP'> = {
  verb: 'APOP',
  state: 'authorization',
  async run(session, command) {
    const source = session.services.apop;
    const timestamp = session.apopTimestamp;
    if (!source || !timestamp) return session.reply(errLine('APOP is not available on this server'));
    await completeLogin(session, command.name, 'APOP', async () => {
      const secret = await source.secretFor(command.name);
      if (secret === undefined) return undefined;
      const expected = createHash('md5').update(timestamp + secret, 'utf8').digest();
      const given = Buffer.from(command.digest, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return session.services.store.getAccount(command.name);
    });
  },
};
