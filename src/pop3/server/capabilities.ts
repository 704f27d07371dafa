// CAPA (RFC 2449 §5–6): what this server offers, which depends on TLS and on the plaintext policy.
import type { SessionContext } from './command.ts';

export function capabilityLines(session: SessionContext): string[] {
  const lines = ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE'];
  if (session.state.kind === 'authorization') {
    // RFC 2595 §2.2: plaintext mechanisms are not offered where they would be refused
    if (session.plaintextAllowed()) lines.push('USER', 'SASL PLAIN');
    if (session.services.tls && !session.secure) lines.push('STLS');
  }
  // RFC 2449 §6.7: messages are never removed by the server on its own
  lines.push('EXPIRE NEVER', 'IMPLEMENTATION mailferry');
  return lines;
}
