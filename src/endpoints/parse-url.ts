// Endpoint URLs: imap://user@host[:port], imaps://…, pop3://…, pop3s://…, local:user@domain, maildir:/path,
// mbox:/path. The canonical form (lower-case host, explicit port, absolute path) names the ledger pair, so the
// same endpoint spelt two ways is still the same transfer. A password in the URL is refused: it would sit in
// the process list for every user of the machine to read (DESIGN invariant 5).
import { parseFormatSpec, FormatSpecError } from '../formats/spec.ts';

export type RemoteAuth = 'auto' | 'login' | 'plain' | 'xoauth2' | 'oauthbearer';

export interface RemoteSpec {
  kind: 'imap' | 'pop3';
  /** implicit TLS (imaps, pop3s) or STARTTLS/STLS on the plain port */
  tls: 'implicit' | 'starttls';
  host: string;
  port: number;
  user: string;
  auth: RemoteAuth;
  url: string;
}

export interface LocalSpec {
  kind: 'local';
  address: string;
  url: string;
}

export interface FileSpec {
  kind: 'maildir' | 'mbox';
  path: string;
  /** mbox only: a directory of mbox files, one per folder */
  directory: boolean;
  url: string;
}

export type EndpointSpec = RemoteSpec | LocalSpec | FileSpec;

export class EndpointUrlError extends Error {
  override name = 'EndpointUrlError';
}

const DEFAULT_PORTS: Record<string, number> = { imap: 143, imaps: 993, pop3: 110, pop3s: 995 };
const AUTH_METHODS: readonly RemoteAuth[] = ['auto', 'login', 'plain', 'xoauth2', 'oauthbearer'];
const EXAMPLES = 'imap://user@host[:port], imaps://…, pop3://…, pop3s://…, local:user@domain, maildir:/path or mbox:/path';

export function parseEndpointUrl(text: string): EndpointSpec {
  const scheme = /^([a-z0-9]+):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) throw new EndpointUrlError(`"${text}" is not an endpoint: expected ${EXAMPLES}`);
  if (scheme in DEFAULT_PORTS) return parseRemote(text, scheme);
  if (scheme === 'local') return parseLocal(text.slice(scheme.length + 1));
  if (scheme === 'maildir' || scheme === 'mbox') {
    try {
      const spec = parseFormatSpec(text);
      return { kind: spec.kind as 'maildir' | 'mbox', path: spec.path, directory: spec.directory, url: spec.canonical };
    } catch (error) {
      if (error instanceof FormatSpecError) throw new EndpointUrlError(error.message);
      throw error;
    }
  }
  throw new EndpointUrlError(`"${text}": unknown endpoint kind "${scheme}"; expected ${EXAMPLES}`);
}

function parseLocal(rest: string): LocalSpec {
  const address = rest.replace(/^\/\//, '').trim().toLowerCase();
  if (!/^[^@\s/]+@[^@\s/]+$/.test(address)) throw new EndpointUrlError(`"local:${rest}": expected local:user@domain`);
  return { kind: 'local', address, url: `local:${address}` };
}

function parseRemote(text: string, scheme: string): RemoteSpec {
  const match = /^[a-z0-9]+:\/\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/i.exec(text);
  if (!match) throw new EndpointUrlError(`"${text}": expected ${scheme}://user@host[:port]`);
  const authority = match[1]!;
  if (match[2] && match[2] !== '/') throw new EndpointUrlError(`"${text}": a ${scheme} URL names a server, not a path`);
  const at = authority.lastIndexOf('@');
  if (at <= 0) throw new EndpointUrlError(`"${text}": no user name; expected ${scheme}://user@host[:port]`);
  const userInfo = authority.slice(0, at);
  if (userInfo.includes(':')) {
    throw new EndpointUrlError(`${scheme} URL holds a password: give it in a password file or the environment, never on the command line`);
  }
  const user = safeDecode(userInfo, text);
  const { host, port } = parseHostPort(authority.slice(at + 1), DEFAULT_PORTS[scheme]!, text);
  const auth = parseQuery(match[3] ?? '', text);
  const kind = scheme.startsWith('imap') ? 'imap' : 'pop3';
  const tls = scheme.endsWith('s') ? 'implicit' : 'starttls';
  const hostText = host.includes(':') ? `[${host}]` : host;
  const query = auth === 'auto' ? '' : `?auth=${auth}`;
  return { kind, tls, host, port, user, auth, url: `${scheme}://${encodeURIComponent(user)}@${hostText}:${port}${query}` };
}

function safeDecode(value: string, text: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new EndpointUrlError(`"${text}": malformed %-escape in the user name`);
  }
}

function parseHostPort(hostPort: string, defaultPort: number, text: string): { host: string; port: number } {
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(hostPort);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(hostPort);
  const parts = bracketed ?? plain;
  if (!parts) throw new EndpointUrlError(`"${text}": cannot read host and port from "${hostPort}"`);
  const port = parts[2] === undefined ? defaultPort : Number(parts[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new EndpointUrlError(`"${text}": port ${parts[2]} is out of range`);
  return { host: parts[1]!.toLowerCase(), port };
}

function parseQuery(query: string, text: string): RemoteAuth {
  let auth: RemoteAuth = 'auto';
  for (const pair of query.split('&').filter((part) => part !== '')) {
    const [key, value = ''] = pair.split('=');
    if (key !== 'auth' || !AUTH_METHODS.includes(value.toLowerCase() as RemoteAuth)) {
      throw new EndpointUrlError(`"${text}": unknown option "${pair}" (known: auth=${AUTH_METHODS.join('|')})`);
    }
    auth = value.toLowerCase() as RemoteAuth;
  }
  return auth;
}
