// Checking a user name and password for LOGIN and AUTHENTICATE: plaintext policy (RFC 3501 §6.2.3), the
// per-IP and per-account throttle shared with POP3, a delay before every failure, one log line either way.
import { setTimeout as sleep } from 'node:timers/promises';
import { codes } from '../codec/index.ts';
import { isStoreError } from '../../store/errors.ts';
import type { Account } from '../../store/types.ts';
import { no, ok, type CommandResult, type SessionContext } from './command.ts';

export async function logIn(session: SessionContext, user: string, password: string, mechanism: string): Promise<CommandResult> {
  if (!session.plaintextAllowed()) {
    return no('Plaintext authentication is disabled on this connection; use STARTTLS or the TLS port.', codes.privacyRequired());
  }
  const { throttle, store } = session.services;
  const ip = session.connection.remoteAddress;
  const blocked = throttle.blocked(ip, user);
  if (blocked) {
    session.log.major({ user, mechanism, blocked }, 'IMAP login refused: too many failures');
    return no('Too many failed logins; try again later.', codes.unavailable());
  }
  let account: Account | undefined;
  try {
    account = await session.services.passwordChecks.run(() => store.verifyPassword(user, password));
  } catch (error) {
    if (!isStoreError(error, 'invalid')) throw error; // a malformed address is just a wrong login
  }
  if (!account || account.disabled) {
    const delayMs = throttle.failed(ip, user);
    session.log.major({ user, mechanism, reason: account ? 'disabled' : 'bad credentials' }, 'IMAP login failed');
    await sleep(delayMs);
    return no('Authentication failed.', codes.authenticationFailed());
  }
  throttle.succeeded(user);
  session.loggedIn(account, mechanism);
  return ok('Logged in.', codes.capability(session.capabilities()));
}
