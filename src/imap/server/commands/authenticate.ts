// AUTHENTICATE (RFC 3501 §6.2.2) with SASL-IR (RFC 4959): PLAIN and LOGIN, base64 challenges and responses
// exchanged as continuation lines; "*" cancels.
import { continuationData, codes, parseSaslResponse, ParseError } from '../../codec/index.ts';
import { bad, defineCommand, no, type SessionContext } from '../command.ts';
import { logIn } from '../login.ts';
import { saslMechanism, type SaslStep } from '../sasl.ts';

/** The client's next response line, decoded; null when the connection ended. */
async function readResponse(session: SessionContext): Promise<Buffer | 'cancel' | 'bad' | null> {
  for (;;) {
    const line = session.pollLine();
    if (line === 'too-long') return 'bad';
    if (line) {
      try {
        return parseSaslResponse(line);
      } catch (error) {
        if (error instanceof ParseError) return 'bad';
        throw error;
      }
    }
    if ((await session.waitForActivity()) === 'closed') return null;
  }
}

export const authenticate = defineCommand({
  name: 'AUTHENTICATE',
  states: ['not-authenticated'],
  async run(session, command) {
    const mechanism = saslMechanism(command.mechanism);
    if (!mechanism) return no(`Unsupported authentication mechanism ${command.mechanism}.`, codes.cannot());
    if (!session.plaintextAllowed()) {
      return no('Plaintext authentication is disabled on this connection; use STARTTLS or the TLS port.', codes.privacyRequired());
    }
    let step: SaslStep = mechanism.start(command.initialResponse);
    while (step.kind === 'challenge') {
      await session.send(continuationData(step.data));
      await session.flush();
      const response = await readResponse(session);
      if (response === null) return bad('Connection closed during authentication.');
      if (response === 'cancel') return bad('Authentication cancelled.');
      if (response === 'bad') return bad('Invalid base64 in authentication response.');
      step = mechanism.next(response);
    }
    if (step.kind === 'fail') return bad(step.reason);
    const { user, password, authzid } = step.credentials;
    if (authzid && authzid.toLowerCase() !== user.toLowerCase()) {
      return no('Acting as another user is not supported.', codes.authorizationFailed());
    }
    return logIn(session, user, password, `AUTHENTICATE ${command.mechanism.toUpperCase()}`);
  },
});
