// The client's socket: TCP or implicit TLS on connect, the STLS upgrade (RFC 2595 §4), and socket errors turned
// into Pop3Errors that name host:port (connection refused, host not found, certificate not trusted).
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Pop3Error } from './errors.ts';

export interface TransportOptions {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  /** TLS server name (SNI and certificate check); the host when it is a name */
  servername?: string;
  /** refuse certificates that do not verify; default true */
  rejectUnauthorized?: boolean;
  /** extra trusted CA certificates (PEM), e.g. a test server's self-signed certificate */
  ca?: string | Buffer | Array<string | Buffer>;
  localAddress?: string;
  /** connect timeout, and the longest wait for any answer; default 60 s */
  timeoutMs?: number;
}

/** Opens the TCP (or implicit TLS) connection within the timeout. */
export function openSocket(options: TransportOptions): Promise<Socket | TLSSocket> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const base = { host: options.host, port: options.port, localAddress: options.localAddress };
    const s = options.tls === 'implicit' ? tlsConnect({ ...base, ...tlsOptions(options) }) : netConnect(base);
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Pop3Error(`cannot connect to ${options.host}:${options.port}: no answer within ${timeoutMs} ms`, { kind: 'connect', temporary: true }));
    }, timeoutMs);
    s.once(options.tls === 'implicit' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      s.removeAllListeners('error');
      s.setNoDelay(true);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      s.destroy();
      reject(transportError(err, options, 'connect'));
    });
  });
}

/** TLS on an open plain socket, after the server said +OK to STLS. */
export function startClientTls(plain: Socket, options: TransportOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ socket: plain, ...tlsOptions(options) });
    s.once('secureConnect', () => {
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', (err) => {
      s.destroy();
      reject(transportError(err, options, 'connect'));
    });
  });
}

function tlsOptions(options: TransportOptions): ConnectionOptions {
  const servername = options.servername ?? (isIP(options.host) ? undefined : options.host);
  return {
    host: options.host,
    servername,
    rejectUnauthorized: options.rejectUnauthorized ?? true,
    ...(options.ca ? { ca: options.ca } : {}),
  };
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_SSL|ERR_TLS|EPROTO/;

export function transportError(err: Error, options: TransportOptions, phase: 'connect' | 'session'): Pop3Error {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const where = `${options.host}:${options.port}`;
  if (TLS_CODES.test(code)) {
    return new Pop3Error(`TLS with ${where} failed: ${err.message}`, { kind: 'tls', temporary: false, cause: err });
  }
  if (phase === 'session') {
    return new Pop3Error(`connection to ${where} failed: ${err.message}`, { kind: 'closed', temporary: true, cause: err });
  }
  const what = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'host not found' : err.message;
  return new Pop3Error(`cannot connect to ${where}: ${what}`, { kind: 'connect', temporary: true, cause: err });
}
