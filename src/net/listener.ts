// A TCP listener for the mail servers (POP3, IMAP): connection limits overall and per client IP, a per-IP rate
// of new connections, optional implicit TLS, and a close() that ends every open connection. Protocol code gets
// an accepted (and, for implicit TLS, already secured) socket; refusals are answered by the protocol's callback.
import { createServer, type Server, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { randomBytes } from 'node:crypto';
import { upgradeToTls, type ServerTls } from './tls.ts';
import { isLoopbackAddress } from './addresses.ts';
import { SlidingWindowCounter } from './sliding-window.ts';

export interface ConnectionInfo {
  /** short random id for log lines */
  id: string;
  remoteAddress: string;
  remotePort: number;
  localAddress: string;
  localPort: number;
  /** TLS from the first byte (implicit TLS port) */
  secure: boolean;
  loopback: boolean;
}

export type RefusalReason = 'server-busy' | 'ip-busy' | 'ip-rate';

export interface ListenerOptions {
  /** for log lines and errors: "pop3", "pop3s", "imap" … */
  name: string;
  host: string;
  /** 0 picks a free port (see Listener.port) */
  port: number;
  /** implicit TLS: the handshake completes before onConnection */
  tls?: ServerTls;
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** new connections accepted from one IP per minute; 0 = no limit */
  connectionsPerIpPerMinute?: number;
  onConnection(socket: Socket | TLSSocket, info: ConnectionInfo): void;
  /** answers a refused connection in the protocol's words (e.g. "-ERR [SYS/TEMP] …"); the socket is ended after */
  refusal(reason: RefusalReason): Buffer;
  /** told about failed TLS handshakes and socket errors before a session exists */
  onError?(err: Error, info: ConnectionInfo): void;
}

export interface Listener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  /** stops accepting and destroys the open connections */
  close(): Promise<void>;
}

export async function startListener(options: ListenerOptions): Promise<Listener> {
  const open = new Set<Socket>();
  const perIp = new Map<string, number>();
  const rate = new SlidingWindowCounter(60_000);
  const server: Server = createServer({ noDelay: true }, (socket) => accept(socket));

  function accept(socket: Socket): void {
    const remoteAddress = socket.remoteAddress ?? '?';
    const info: ConnectionInfo = {
      id: randomBytes(6).toString('base64url'),
      remoteAddress,
      remotePort: socket.remotePort ?? 0,
      localAddress: socket.localAddress ?? '?',
      localPort: socket.localPort ?? 0,
      secure: options.tls !== undefined,
      loopback: isLoopbackAddress(remoteAddress),
    };
    socket.on('error', (err) => options.onError?.(err, info));
    const reason = refusalFor(remoteAddress);
    if (reason) {
      // the refusal text is sent in plain even on a TLS port: a client stuck in handshake just sees a close
      if (options.tls) socket.destroy();
      else socket.end(options.refusal(reason));
      return;
    }
    open.add(socket);
    perIp.set(remoteAddress, (perIp.get(remoteAddress) ?? 0) + 1);
    socket.once('close', () => {
      open.delete(socket);
      const left = (perIp.get(remoteAddress) ?? 1) - 1;
      if (left > 0) perIp.set(remoteAddress, left);
      else perIp.delete(remoteAddress);
    });
    if (!options.tls) {
      options.onConnection(socket, info);
      return;
    }
    upgradeToTls(socket, options.tls).then(
      (secure) => options.onConnection(secure, info),
      (err: Error) => {
        options.onError?.(err, info);
        socket.destroy();
      },
    );
  }

  function refusalFor(ip: string): RefusalReason | null {
    if (open.size >= options.maxConnections) return 'server-busy';
    if ((perIp.get(ip) ?? 0) >= options.maxConnectionsPerIp) return 'ip-busy';
    const perMinute = options.connectionsPerIpPerMinute ?? 0;
    if (perMinute > 0 && rate.add(ip) > perMinute) return 'ip-rate';
    return null;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`${options.name}: cannot listen on ${options.host}:${options.port}: ${err.code ?? err.message}`)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    name: options.name,
    host: options.host,
    port,
    get connections() {
      return open.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}
