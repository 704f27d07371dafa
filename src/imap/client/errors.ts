// One error type for everything the IMAP client reports. It says whether retrying later can help
// (`temporary`), what the server said, which command failed (never its arguments: they may hold
// credentials) and where (host:port), so the scheduler can decide and the administrator can read it.
import type { ResponseCode, TaggedResponse } from './responses.ts';

export type ImapErrorKind =
  | 'connect' // could not open the socket / TLS
  | 'timeout' // no answer in time
  | 'closed' // the connection dropped or the server said BYE
  | 'protocol' // the server sent bytes we cannot parse
  | 'no' // tagged NO
  | 'bad' // tagged BAD
  | 'auth' // credentials refused
  | 'token-expired' // OAuth bearer token refused: refresh it and retry
  | 'unsupported' // the server lacks a needed capability
  | 'aborted'; // the caller gave up (AbortSignal)

export interface ImapEndpoint {
  host: string;
  port: number;
}

export interface ImapClientErrorInit {
  kind: ImapErrorKind;
  endpoint: ImapEndpoint;
  command?: string;
  serverText?: string;
  responseCode?: string;
  temporary?: boolean;
  retryAfterMs?: number;
  detail?: string;
  cause?: unknown;
}

/** RFC 5530 codes (and common vendor ones) that mean "try again later". */
const TEMPORARY_CODES = new Set(['UNAVAILABLE', 'LIMIT', 'INUSE', 'THROTTLED', 'SERVERBUG']);
const AUTH_CODES = new Set(['AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED', 'PRIVACYREQUIRED']);
/** Microsoft 365: "Request is throttled. Suggested Backoff Time: 299730 milliseconds" */
const THROTTLED_TEXT = /request is throttled|too many (simultaneous )?(connections|requests)|rate limit|try again later/i;
const BACKOFF_HINT = /backoff time:\s*(\d+)\s*(milliseconds|ms|seconds|s)\b/i;

export class ImapClientError extends Error {
  readonly kind: ImapErrorKind;
  readonly temporary: boolean;
  readonly command?: string;
  readonly serverText?: string;
  readonly responseCode?: string;
  readonly retryAfterMs?: number;
  readonly host: string;
  readonly port: number;

  constructor(init: ImapClientErrorInit) {
    super(composeMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ImapClientError';
    this.kind = init.kind;
    this.temporary = init.temporary ?? ['connect', 'timeout', 'closed'].includes(init.kind);
    this.command = init.command;
    this.serverText = init.serverText;
    this.responseCode = init.responseCode;
    this.retryAfterMs = init.retryAfterMs;
    this.host = init.endpoint.host;
    this.port = init.endpoint.port;
  }

  /** A tagged NO or BAD turned into an error, classified by its response code and text. */
  static fromTagged(command: string, response: TaggedResponse, endpoint: ImapEndpoint): ImapClientError {
    const code = response.code?.name;
    const throttled = THROTTLED_TEXT.test(response.text);
    const isAuthCommand = command === 'LOGIN' || command === 'AUTHENTICATE';
    const kind: ImapErrorKind = (code && AUTH_CODES.has(code)) || (isAuthCommand && response.status === 'NO') ? 'auth' : response.status === 'BAD' ? 'bad' : 'no';
    return new ImapClientError({
      kind,
      endpoint,
      command,
      serverText: response.text,
      responseCode: code,
      temporary: (code !== undefined && TEMPORARY_CODES.has(code)) || throttled,
      retryAfterMs: parseBackoffHint(response.text),
    });
  }
}

/** Reads a server's backoff hint ("Suggested Backoff Time: 12 seconds") into milliseconds. */
export function parseBackoffHint(text: string): number | undefined {
  const match = BACKOFF_HINT.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  return /^s/i.test(match[2]!) ? value * 1000 : value;
}

export function responseCodeText(code: ResponseCode | null): string {
  if (!code) return '';
  return code.raw ? `[${code.name} ${code.raw}] ` : `[${code.name}] `;
}

function composeMessage(init: ImapClientErrorInit): string {
  const where = `${init.endpoint.host}:${init.endpoint.port}`;
  const what = init.command ? `IMAP ${init.command} at ${where}` : `IMAP connection to ${where}`;
  const server = init.serverText !== undefined ? `server said: ${init.responseCode ? `[${init.responseCode}] ` : ''}${init.serverText}` : '';
  const parts = [init.detail, server].filter((part) => part);
  return `${what} failed${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** Raised by the response parser on bytes that are not IMAP; the connection turns it into kind 'protocol'. */
export class ImapSyntaxError extends Error {
  override readonly name = 'ImapSyntaxError';
}
