// The engine's endpoint for a poll record's remote side: its URL form (for logs and the engine), the sealed
// password opened with the server key only now, and the record's connection settings (TLS mode, login
// mechanism, source address, timeout) passed to the endpoint as RemoteOptions.
import { openSecret } from '../crypto/sealed-secret.ts';
import type { ServerKey } from '../crypto/server-key.ts';
import type { CredentialProvider } from '../endpoints/credentials.ts';
import type { Endpoint } from '../endpoints/endpoint.ts';
import { ImapEndpoint } from '../endpoints/imap/imap-endpoint.ts';
import type { RemoteAuth, RemoteSpec } from '../endpoints/parse-url.ts';
import { Pop3Endpoint } from '../endpoints/pop3/pop3-endpoint.ts';
import type { RemoteOptions } from '../endpoints/remote-options.ts';
import type { Logger } from '../log/logger.ts';
import type { Pop3AuthMechanism } from '../pop3/client/auth.ts';
import type { PollAuth, PollRecord, PollSettings } from '../store/poll-store.ts';
import { formatRemoteHost } from './remote-host.ts';

/** The associated data a record's password is sealed with: the record it belongs to. */
export function secretOwner(account: string, name: string): string {
  return `poll:${account}/${name}`;
}

/** "pop3s://alice@pop.example.com:995" — no secret in it */
export function remoteUrl(settings: Pick<PollSettings, 'protocol' | 'tls' | 'username' | 'host' | 'port'>): string {
  const scheme = settings.tls === 'implicit' ? `${settings.protocol}s` : settings.protocol;
  return `${scheme}://${encodeURIComponent(settings.username)}@${formatRemoteHost(settings.host, settings.port)}`;
}

function urlAuth(auth: PollAuth): RemoteAuth {
  return auth === 'plain' || auth === 'login' || auth === 'xoauth2' ? auth : 'auto';
}

function pop3Mechanism(auth: PollAuth): Pop3AuthMechanism | undefined {
  return auth === 'auto' ? undefined : auth;
}

export interface RemoteEndpointOptions {
  serverKey: ServerKey;
  logger: Logger;
  sourceAddress?: string;
  timeoutMs: number;
}

export function remoteEndpoint(record: PollRecord, options: RemoteEndpointOptions): Endpoint {
  const owner = secretOwner(record.account, record.name);
  let secret: string | undefined;
  const reveal = () => (secret ??= openSecret(options.serverKey, record.sealedSecret, owner));
  const credentials: CredentialProvider = {
    refreshable: false,
    secret: async () => (record.auth === 'xoauth2' ? { kind: 'bearer', token: reveal() } : { kind: 'password', password: reveal() }),
  };
  const spec: RemoteSpec = {
    kind: record.protocol, tls: record.tls === 'implicit' ? 'implicit' : 'starttls', host: record.host, port: record.port,
    user: record.username, auth: urlAuth(record.auth), url: remoteUrl(record),
  };
  const remote: RemoteOptions = {
    credentials, logger: options.logger, plaintextOnly: record.tls === 'none', timeoutMs: options.timeoutMs,
    ...(options.sourceAddress ? { localAddress: options.sourceAddress } : {}),
    ...(record.protocol === 'pop3' && pop3Mechanism(record.auth) ? { pop3Mechanism: pop3Mechanism(record.auth)! } : {}),
  };
  return record.protocol === 'pop3' ? new Pop3Endpoint(spec, remote) : new ImapEndpoint(spec, remote);
}
