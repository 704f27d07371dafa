// Opens one logged-in IMAP client for an endpoint: implicit TLS for imaps://, STARTTLS for imap:// (plain only
// when the server offers no STARTTLS and the administrator allowed it), the password or bearer token from the
// credential provider — a refused token is refreshed once and the login retried (DESIGN requirement 2) —
// and CONDSTORE/QRESYNC enabled when offered (RFC 7162 §3.2.3).
import { ImapClient, type ConnectOptions } from '../../imap/client/client.ts';
import type { Credentials } from '../../imap/client/auth.ts';
import { ImapClientError } from '../../imap/client/errors.ts';
import type { Secret } from '../credentials.ts';
import type { RemoteSpec } from '../parse-url.ts';
import type { RemoteOptions } from '../remote-options.ts';

/**
 * Fetched bodies larger than this go to an unlinked temporary file as they arrive, and move on to the
 * destination as that file (materialize takes it over): their bytes wait in the page cache, not in the process,
 * while deliveries are in flight. Smaller ones stay in (recycled) memory: a file each would cost more syscalls
 * than they are worth. 32 KiB measured best on the bench corpus (16 KiB: slower; 64–256 KiB: more memory).
 */
const BODY_MEMORY_LIMIT = 32 * 1024;

function credentialsOf(spec: RemoteSpec, secret: Secret): Credentials {
  if (secret.kind === 'bearer') {
    const method = spec.auth === 'oauthbearer' ? 'oauthbearer' : 'xoauth2';
    return { method, user: spec.user, accessToken: secret.token };
  }
  if (spec.auth === 'xoauth2' || spec.auth === 'oauthbearer') {
    throw new ImapClientError({
      kind: 'auth', endpoint: spec, command: 'AUTHENTICATE', temporary: false,
      detail: `auth=${spec.auth} needs a bearer token (--src-oauth-token-cmd / --dst-oauth-token-cmd)`,
    });
  }
  return { method: spec.auth, user: spec.user, password: secret.password };
}

async function connectOnce(spec: RemoteSpec, options: RemoteOptions, security: 'tls' | 'starttls' | 'none', refresh: boolean): Promise<ImapClient> {
  const secret = await options.credentials.secret({ refresh });
  const connectOptions: ConnectOptions = {
    host: spec.host, port: spec.port, security, rejectUnauthorized: !options.insecure, ca: options.ca,
    auth: credentialsOf(spec, secret), allowPlaintextAuth: security === 'none' && (options.allowPlaintext === true || options.plaintextOnly === true),
    logger: options.logger, literalMemoryLimit: BODY_MEMORY_LIMIT,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    ...(options.timeoutMs ? { connectTimeoutMs: options.timeoutMs, responseTimeoutMs: options.timeoutMs } : {}),
    trace: (direction, text) => options.logger.lowlevel({ imap: `${spec.host}:${spec.port}`, direction }, text),
  };
  return ImapClient.connect(connectOptions);
}

const warned = new Set<string>();

/** The plaintext warning once per server, not once per connection. */
function warnOnce(key: string, warn: () => void): void {
  if (warned.has(key)) return;
  warned.add(key);
  warn();
}

export async function connectImap(spec: RemoteSpec, options: RemoteOptions): Promise<ImapClient> {
  let security: 'tls' | 'starttls' | 'none' = options.plaintextOnly ? 'none' : spec.tls === 'implicit' ? 'tls' : 'starttls';
  let refresh = false;
  let client: ImapClient | undefined;
  while (!client) {
    try {
      client = await connectOnce(spec, options, security, refresh);
    } catch (error) {
      if (!(error instanceof ImapClientError)) throw error;
      if (error.kind === 'unsupported' && error.command === 'STARTTLS' && security === 'starttls') {
        if (!options.allowPlaintext) {
          throw new ImapClientError({
            kind: 'unsupported', endpoint: spec, command: 'STARTTLS', temporary: false,
            detail: 'the server offers no STARTTLS: use imaps://, or allow plaintext authentication explicitly (--allow-plaintext)',
          });
        }
        warnOnce(`${spec.host}:${spec.port}`, () => options.logger.problems({ imap: `${spec.host}:${spec.port}` },
          'IMAP server offers no STARTTLS: logging in over an UNENCRYPTED connection as allowed by --allow-plaintext'));
        security = 'none';
      } else if (error.kind === 'token-expired' && options.credentials.refreshable && !refresh) {
        options.logger.major({ imap: `${spec.host}:${spec.port}` }, 'OAuth token refused: running the token command again');
        refresh = true;
      } else {
        throw error;
      }
    }
  }
  try {
    const wanted = ['QRESYNC', 'CONDSTORE'].filter((name) => client.capabilities.has(name));
    if (wanted.length > 0) await client.enable(wanted);
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}
