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

/** Receives the bytes of a plain socket read into one reused buffer: valid only until the call returns. */
export type ReusedBufferReader = (chunk: Buffer) => void;

/** Bytes per socket read into the reused buffer (what libuv would allocate afresh for every read). */
const READ_BUFFER_BYTES = 64 * 1024;

export function openSocket(options: TransportOptions, implicitTls: boolean, reader?: ReusedBufferReader): Promise<Socket> {
  const endpoint = { host: options.host, port: options.port };
  const base = { host: options.host, port: options.port, localAddress: options.localAddress };
  // Node's `onread` (plain sockets only): every read lands in the same buffer, instead of a new 64 KiB one per
  // read that lives on until the garbage collector gets to it
  const onread = reader && !implicitTls
    ? { buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES), callback: (bytes: number, buffer: Uint8Array) => {
      reader((buffer as Buffer).subarray(0, bytes));
      return true; // pausing goes through socket.pause()
    } }
    : undefined;
  const socket = implicitTls ? tlsConnect({ ...base, ...tlsSettings(options) }) : netConnect(onread ? { ...base, onread } : base);
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
