// The one error type of the POP3 client. `temporary` tells the scheduler whether trying again later can help;
// `code` is the RFC 2449 §8 / RFC 3206 response code the server gave. Messages name the host (and user), never
// the password.
import type { StatusLine } from '../codec/response-reader.ts';

export type Pop3ErrorKind =
  /** TCP connect failed or timed out */
  | 'connect'
  /** TLS handshake or certificate failure */
  | 'tls'
  /** credentials refused */
  | 'auth'
  /** the server answered -ERR to a command */
  | 'server'
  /** the server's bytes were not POP3 */
  | 'protocol'
  /** no answer within the timeout */
  | 'timeout'
  /** the connection closed while a command was waiting */
  | 'closed'
  /** the server lacks something we need (STLS, APOP timestamp, a SASL mechanism) */
  | 'unsupported';

export interface Pop3ErrorDetails {
  kind: Pop3ErrorKind;
  temporary: boolean;
  /** the server's response code without brackets, e.g. "AUTH", "SYS/TEMP" */
  code?: string | null;
  /** the server's response text */
  serverText?: string;
  /** the command verb that failed */
  command?: string;
  cause?: unknown;
}

export class Pop3Error extends Error {
  override readonly name = 'Pop3Error';
  readonly kind: Pop3ErrorKind;
  readonly temporary: boolean;
  readonly code: string | null;
  readonly serverText: string | null;
  readonly command: string | null;

  constructor(message: string, details: Pop3ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.temporary = details.temporary;
    this.code = details.code ?? null;
    this.serverText = details.serverText ?? null;
    this.command = details.command ?? null;
  }
}

/** RFC 2449 §8.1 IN-USE, LOGIN-DELAY; RFC 3206 SYS/TEMP: worth retrying later. SYS/PERM and AUTH are not. */
const TEMPORARY_CODES = new Set(['IN-USE', 'LOGIN-DELAY', 'SYS/TEMP']);

export function isTemporaryCode(code: string | null): boolean {
  return code !== null && (TEMPORARY_CODES.has(code) || code.startsWith('SYS/TEMP') || code.startsWith('IN-USE'));
}

/** A -ERR answer as a Pop3Error; `where` names host (and user) for the message. */
export function serverError(status: StatusLine, command: string, where: string): Pop3Error {
  const codeText = status.code ? ` [${status.code}]` : '';
  return new Pop3Error(`${where}: ${command} refused:${codeText} ${status.text}`.trimEnd(), {
    kind: 'server', temporary: isTemporaryCode(status.code), code: status.code, serverText: status.text, command,
  });
}

/** A refused login: temporary when the server says so (IN-USE, LOGIN-DELAY, SYS/TEMP), otherwise bad credentials. */
export function loginError(status: StatusLine, host: string, user: string, mechanism: string): Pop3Error {
  const temporary = isTemporaryCode(status.code);
  const why = temporary ? 'login refused for now' : 'login failed (wrong user name or password?)';
  const codeText = status.code ? ` [${status.code}]` : '';
  return new Pop3Error(`${host}: ${why} for user ${user} with ${mechanism}:${codeText} ${status.text}`.trimEnd(), {
    kind: temporary ? 'server' : 'auth', temporary, code: status.code, serverText: status.text, command: mechanism,
  });
}
