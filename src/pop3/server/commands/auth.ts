// RFC 5034 AUTH with SASL PLAIN (RFC 4616), with an initial response or after a "+ " continuation.
// AUTH without a mechanism lists the mechanisms (the RFC 1734 form many clients still send).
import { Pop3ProtocolError } from '../../codec/errors.ts';
import { continuationLine, errLine, multilineResponse } from '../../codec/responses.ts';
import { decodePlain, decodeSaslResponse } from '../../codec/sasl.ts';
import type { AuthorizationCommand, SessionContext } from '../command.ts';
import { completeLogin, plaintextRefused } from '../login.ts';
import { initialState } from '../state.ts';

export const authCommand: AuthorizationCommand<'AUTH'> = {
  verb: 'AUTH',
  state: 'authorization',
  async run(session, command, state) {
    if (command.mechanism === null) {
      return session.reply(multilineResponse('SASL mechanisms follow', session.plaintextAllowed() ? ['PLAIN'] : []));
    }
    if (command.mechanism !== 'PLAIN') return session.reply(errLine('Unsupported authentication mechanism'));
    if (!session.plaintextAllowed()) return session.reply(plaintextRefused());
    if (command.initialResponse === null) {
      session.setState({ ...state, user: null, sasl: { mechanism: 'PLAIN' } });
      return session.reply(continuationLine(Buffer.alloc(0)));
    }
    await finishPlain(session, command.initialResponse);
  },
};

/** The client's line after "+ ": its base64 PLAIN message, or "*" to cancel (RFC 5034 §4). */
export async function continueSasl(session: SessionContext, line: string): Promise<void> {
  session.setState(initialState());
  await finishPlain(session, line);
}

async function finishPlain(session: SessionContext, text: string): Promise<void> {
  let credentials;
  try {
    const response = decodeSaslResponse(text);
    if (response.cancel) return session.reply(errLine('Authentication cancelled'));
    credentials = decodePlain(response.data);
  } catch (err) {
    if (err instanceof Pop3ProtocolError) return session.reply(errLine(`Malformed PLAIN response: ${err.message}`));
    throw err;
  }
  const { authzid, user, password } = credentials;
  // RFC 4616 §2: acting as another user (authzid) is not supported; the same user is fine
  if (authzid !== '' && authzid.toLowerCase() !== user.toLowerCase()) {
    return session.reply(errLine('Authorization identity must be empty or the user itself', 'AUTH'));
  }
  await completeLogin(session, user, 'AUTH PLAIN', () => session.services.store.verifyPassword(user, password));
}
