// Opening the byte stream to the server: plain TCP, implicit TLS (imaps, RFC 8314 §3.2) or an upgrade of
// a plain socket after STARTTLS (RFC 3501 §6.2.1). Certificates are verified unless the caller turns it off.
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { ImapClientError, type ImapEndpoint } from './errors.ts';

export type Security = 'tls' | 'starttls' | 'none';

export interface TransportOptions {
  host: string;
  port: number;
  /** verify the server certificate (default true) */
  rejectUnauthorized?: boolean;
  /** SNI and certificate name; defaults to host unless host is an IP address */
  servername?: string;
  /** extra trusted CA certificates (PEM) */
  ca?: string | Buffer | Array<string | Buffer>;
  /** local address to connect from (multi-homed gateways) */
  localAddress?: string;
  connectTimeoutMs: number;
}

const CERTIFICATE_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ERR_TLS_CERT/;

export function openSocket(options: TransportOptions, implicitTls: boolean): Promise<Socket> {
  const endpoint = { host: options.host, port: options.port };
  const base = { host: options.host, port: options.port, localAddress: options.localAddress };
  const socket = implicitTls ? tlsConnect({ ...base, ...tlsSettings(options) }) : netConnect(base);
  return whenReady(socket, implicitTls ? 'secureConnect' : 'connect', endpoint, options.connectTimeoutMs);
}

/** Wraps an established plain socket in TLS after the server's OK to STARTTLS. */
export function upgradeToTls(socket: Socket, options: TransportOptions): Promise<TLSSocket> {
  const secure = tlsConnect({ socket, ...tlsSettings(options) });
  return whenReady(secure, 'secureConnect', { host: options.host, port: options.port }, options.connectTimeoutMs);
}

function tlsSettings(options: TransportOptions) {
  const servername = options.servername ?? (isIP(options.host) ? undefined : options.host);
  return { rejectUnauthorized: options.rejectUnauthorized ?? true, servername, ca: options.ca, minVersion: 'TLSv1.2' as const };
}

function whenReady<T extends Socket>(socket: T, event: string, endpoint: ImapEndpoint, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new ImapClientError({ kind: 'timeout', endpoint, detail: `no connection within ${timeoutMs} ms` })), timeoutMs);
    const onError = (err: NodeJS.ErrnoException) => {
      const certificate = CERTIFICATE_ERRORS.test(String(err.code ?? err.message));
      fail(new ImapClientError({ kind: 'connect', endpoint, detail: err.message, temporary: !certificate, cause: err }));
    };
    const fail = (err: ImapClientError) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.once('error', onError);
    socket.once(event, () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 60_000);
      resolve(socket);
    });
  });
}
