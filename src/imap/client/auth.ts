// Authentication: LOGIN (RFC 3501 §6.2.3), AUTHENTICATE PLAIN (RFC 4616) with SASL-IR (RFC 4959) when
// offered, XOAUTH2 (Google/Microsoft) and OAUTHBEARER (RFC 7628). A refused bearer token surfaces as
// kind 'token-expired' so the caller can refresh it and retry. Credentials never reach a trace or an error.
import { astring } from './command-encoding.ts';
import type { ImapConnection } from './connection.ts';
import { ImapClientError } from './errors.ts';

export type Credentials =
  | { method?: 'auto' | 'login' | 'plain'; user: string; password: string; authzid?: string }
  | { method: 'xoauth2' | 'oauthbearer'; user: string; accessToken: string };

export interface AuthOptions {
  /** permit a password or token over an unencrypted connection (design invariant 5) */
  allowPlaintextAuth?: boolean;
  encrypted: boolean;
}

export async function authenticate(connection: ImapConnection, credentials: Credentials, options: AuthOptions): Promise<void> {
  if (!options.encrypted && !options.allowPlaintextAuth) {
    throw new ImapClientError({
      kind: 'auth', endpoint: connection.endpoint, command: 'LOGIN', temporary: false,
      detail: 'refusing to send credentials over an unencrypted connection (use TLS or STARTTLS, or allow plaintext authentication explicitly)',
    });
  }
  const caps = connection.capabilities;
  switch (credentials.method ?? 'auto') {
    case 'xoauth2':
      return bearer(connection, 'XOAUTH2', xoauth2Response(credentials as BearerCredentials));
    case 'oauthbearer':
      return bearer(connection, 'OAUTHBEARER', oauthBearerResponse(credentials as BearerCredentials, connection));
    case 'plain':
      return plain(connection, credentials as PasswordCredentials);
    case 'login':
      return login(connection, credentials as PasswordCredentials);
    case 'auto':
      return caps.has('AUTH=PLAIN') ? plain(connection, credentials as PasswordCredentials) : login(connection, credentials as PasswordCredentials);
  }
}

type PasswordCredentials = Extract<Credentials, { password: string }>;
type BearerCredentials = Extract<Credentials, { accessToken: string }>;

async function login(connection: ImapConnection, credentials: PasswordCredentials): Promise<void> {
  if (connection.capabilities.has('LOGINDISABLED')) {
    throw new ImapClientError({ kind: 'unsupported', endpoint: connection.endpoint, command: 'LOGIN', detail: 'the server disabled LOGIN on this connection (LOGINDISABLED)' });
  }
  await connection.execute({
    name: 'LOGIN',
    parts: ['LOGIN ', astring(credentials.user), ' ', astring(credentials.password)],
    traceAs: 'LOGIN *** ***',
    exclusive: true,
  });
}

async function plain(connection: ImapConnection, credentials: PasswordCredentials): Promise<void> {
  // RFC 4616 §2: [authzid] NUL authcid NUL passwd
  const message = Buffer.from(`${credentials.authzid ?? ''}\0${credentials.user}\0${credentials.password}`, 'utf8');
  await sasl(connection, 'PLAIN', message.toString('base64'), () => '');
}

function xoauth2Response(credentials: BearerCredentials): string {
  return Buffer.from(`user=${credentials.user}\x01auth=Bearer ${credentials.accessToken}\x01\x01`, 'utf8').toString('base64');
}

/** RFC 7628 §3.1: gs2-header, then host, port and auth key/values separated by ^A */
function oauthBearerResponse(credentials: BearerCredentials, connection: ImapConnection): string {
  const user = credentials.user.replace(/=/g, '=3D').replace(/,/g, '=2C');
  const { host, port } = connection.endpoint;
  return Buffer.from(`n,a=${user},\x01host=${host}\x01port=${port}\x01auth=Bearer ${credentials.accessToken}\x01\x01`, 'utf8').toString('base64');
}

async function bearer(connection: ImapConnection, mechanism: 'XOAUTH2' | 'OAUTHBEARER', initial: string): Promise<void> {
  let challenge: { status?: string } | null = null;
  try {
    // On failure the server sends a JSON error as a challenge; the client answers with an empty response
    // (XOAUTH2) or ^A (RFC 7628 §3.2.3) and gets the tagged NO.
    await sasl(connection, mechanism, initial, (text) => {
      challenge = parseJsonChallenge(text);
      return mechanism === 'OAUTHBEARER' ? 'AQ==' : '';
    });
  } catch (err) {
    const status = (challenge as { status?: string } | null)?.status;
    if (err instanceof ImapClientError && (status === '401' || status === 'invalid_token')) {
      throw new ImapClientError({
        kind: 'token-expired', endpoint: connection.endpoint, command: 'AUTHENTICATE', temporary: false,
        serverText: err.serverText, responseCode: err.responseCode, detail: `the ${mechanism} bearer token was refused (status ${status}): refresh it and retry`,
      });
    }
    throw err;
  }
}

/** AUTHENTICATE with the initial response inline when SASL-IR is offered, else after the first "+". */
async function sasl(connection: ImapConnection, mechanism: string, initial: string, onChallenge: (text: string) => string): Promise<void> {
  const inline = connection.capabilities.has('SASL-IR');
  let initialSent = inline;
  await connection.execute({
    name: 'AUTHENTICATE',
    parts: inline ? [`AUTHENTICATE ${mechanism} ${initial || '='}`] : [`AUTHENTICATE ${mechanism}`],
    traceAs: inline ? `AUTHENTICATE ${mechanism} ***` : undefined,
    sensitiveContinuation: true,
    exclusive: true,
    onContinuation: (text, send) => {
      if (!initialSent) {
        initialSent = true;
        send(initial);
      } else send(onChallenge(text));
    },
  });
}

function parseJsonChallenge(text: string): { status?: string } | null {
  try {
    return JSON.parse(Buffer.from(text.trim(), 'base64').toString('utf8')) as { status?: string };
  } catch {
    return null;
  }
}
