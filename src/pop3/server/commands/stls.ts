// RFC 2595 §4 STLS: in AUTHORIZATION only, once; the client must send CAPA again afterwards.
import { errLine, okLine } from '../../codec/responses.ts';
import type { AuthorizationCommand } from '../command.ts';

export const stlsCommand: AuthorizationCommand<'STLS'> = {
  verb: 'STLS',
  state: 'authorization',
  async run(session) {
    if (session.secure) return session.reply(errLine('TLS is already active'));
    if (!session.services.tls) return session.reply(errLine('TLS is not available'));
    session.reply(okLine('Begin TLS negotiation now'));
    await session.startTls();
  },
};
