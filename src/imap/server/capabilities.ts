// The CAPABILITY list (RFC 3501 §6.1.1, §7.2.1): what a session offers depends on its state and on whether the
// connection is encrypted or plaintext logins are allowed here.
import type { StateKind } from './state.ts';

/** Extensions offered in every state. */
const BASE = [
  'IMAP4rev1',
  'LITERAL+', // RFC 7888
  'SASL-IR', // RFC 4959
  'ID', // RFC 2971
  'ENABLE', // RFC 5161
  'IDLE', // RFC 2177
  'NAMESPACE', // RFC 2342
  'UNSELECT', // RFC 3691
  'CHILDREN', // RFC 3348
];

/** Extensions that only matter once logged in (RFC 3501 §7.2.1: the list may change after login). */
const AFTER_LOGIN = [
  'UIDPLUS', // RFC 4315
  'MOVE', // RFC 6851
  'CONDSTORE', // RFC 7162
  'QRESYNC', // RFC 7162
  'SPECIAL-USE', // RFC 6154
  'CREATE-SPECIAL-USE', // RFC 6154 §3
  'LIST-EXTENDED', // RFC 5258
  'LIST-STATUS', // RFC 5819
  'MULTIAPPEND', // RFC 3502
  'ESEARCH', // RFC 4731
  'SEARCHRES', // RFC 5182
  'STATUS=SIZE', // RFC 8438
];

export interface CapabilityContext {
  state: StateKind;
  secure: boolean;
  /** STARTTLS is possible on this connection */
  tlsAvailable: boolean;
  plaintextAllowed: boolean;
  appendLimit: number;
}

export function capabilityList(context: CapabilityContext): string[] {
  const list = [...BASE];
  if (context.state === 'not-authenticated') {
    if (!context.secure && context.tlsAvailable) list.push('STARTTLS');
    // RFC 3501 §6.2.3 / §7.2.1: LOGINDISABLED, and no AUTH=PLAIN, where plaintext logins are refused
    if (context.plaintextAllowed) list.push('AUTH=PLAIN', 'AUTH=LOGIN');
    else list.push('LOGINDISABLED');
    return list;
  }
  list.push(...AFTER_LOGIN, `APPENDLIMIT=${context.appendLimit}`);
  return list;
}
