// STARTTLS (RFC 3501 §6.2.1): the handshake begins right after the tagged OK; the capability list changes after.
import { defineCommand, bad, no, ok } from '../command.ts';

export const starttls = defineCommand({
  name: 'STARTTLS',
  states: ['not-authenticated'],
  async run(session) {
    if (session.secure) return bad('TLS is already active.');
    if (!session.services.tls) return no('TLS is not configured on this server.');
    session.startTls();
    return ok('Begin TLS negotiation now.');
  },
});
