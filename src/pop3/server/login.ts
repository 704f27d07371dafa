// The end of every login path (USER/PASS, APOP, AUTH PLAIN): throttling per IP and per account, the delay
// after a failure, and on success the maildrop and the TRANSACTION state (RFC 1939 §4).
import type { Account } from '../../store/types.ts';
import { errLine, okLine } from '../codec/responses.ts';
import type { SessionContext } from './command.ts';
import { Maildrop } from './maildrop.ts';
import { initialState } from './state.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checks the credentials with `verify` and answers. `user` is the name the client gave. */
export async function completeLogin(session: SessionContext, user: string, method: string, verify: () => Promise<Account | undefined>): Promise<void> {
  const { throttle, store } = session.services;
  const ip = session.connection.remoteAddress;
  session.setState(initialState());
  const blocked = throttle.blocked(ip, user);
  if (blocked) {
    session.log.major({ user, method, blocked }, 'pop3 login refused: too many failed logins');
    session.reply(errLine('Too many failed logins, try again later', 'SYS/TEMP'));
    return;
  }
  const account = await verify();
  if (!account || account.disabled) {
    const delay = throttle.failed(ip, user);
    session.log.major({ user, method }, 'pop3 login failed');
    await sleep(delay);
    session.reply(errLine('Authentication failed', 'AUTH'));
    return;
  }
  throttle.succeeded(user);
  const maildrop = await Maildrop.open(store, account);
  session.setUser(account.address);
  session.setState({ kind: 'transaction', account, maildrop });
  const { count, size } = maildrop.stat();
  session.reply(okLine(`Logged in, ${count} messages (${size} octets)`));
}

/** RFC 2595 §2.2 / DESIGN invariant 5: the answer when plaintext credentials are not accepted here. */
export function plaintextRefused(): Buffer {
  return errLine('Plaintext authentication disallowed on non-secure connections; use STLS or the TLS port', 'AUTH');
}
