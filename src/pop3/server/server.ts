// The POP3 server: a plain/STLS listener and an implicit-TLS listener (RFC 8314 §3.3 "POP3S") over one set of
// services, each connection a Pop3Session on the account's INBOX in the store.
import { hostname as osHostname } from 'node:os';
import { log as rootLog, type Logger } from '../../log/logger.ts';
import { AuthThrottle } from '../../net/auth-throttle.ts';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { startListener, type ConnectionInfo, type Listener, type RefusalReason } from '../../net/listener.ts';
import type { ServerTls } from '../../net/tls.ts';
import type { Store } from '../../store/store.ts';
import { errLine } from '../codec/responses.ts';
import type { Pop3Config } from '../config.ts';
import type { ApopSecretSource, Pop3Services } from './services.ts';
import { Pop3Session } from './session.ts';

export interface Pop3ServerOptions {
  store: Store;
  config: Pop3Config;
  /** null: no STLS and no implicit TLS listener */
  tls: ServerTls | null;
  log?: Logger;
  /** enables APOP for the accounts it knows (see services.ts) */
  apop?: ApopSecretSource;
  hostname?: string;
}

export interface RunningPop3Server {
  plain: Listener;
  implicitTls: Listener | null;
  close(): Promise<void>;
}

const REFUSALS: Record<RefusalReason, string> = {
  'server-busy': 'Too many connections, try again later',
  'ip-busy': 'Too many connections from your address, try again later',
  'ip-rate': 'Connecting too often from your address, try again later',
};

export async function startPop3Server(options: Pop3ServerOptions): Promise<RunningPop3Server> {
  const { config } = options;
  const log = (options.log ?? rootLog).child({ service: 'pop3' }) as Logger;
  const services: Pop3Services = {
    store: options.store,
    config,
    tls: options.tls,
    throttle: new AuthThrottle({
      failureDelayMs: config.failedLoginDelayMs,
      maxFailureDelayMs: config.maxFailedLoginDelayMs,
      windowMs: config.failedLoginWindowSeconds * 1000,
      maxFailuresPerIp: config.maxFailedLoginsPerIp,
      maxFailuresPerAccount: config.maxFailedLoginsPerAccount,
    }),
    apop: options.apop ?? null,
    log,
    hostname: options.hostname ?? osHostname(),
  };
  const common = {
    host: config.host,
    maxConnections: config.maxConnections,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    connectionsPerIpPerMinute: config.connectionsPerIpPerMinute,
    onConnection: (socket: Socket | TLSSocket, info: ConnectionInfo) => {
      new Pop3Session(socket, info, services);
    },
    // RFC 3206 §4: SYS/TEMP — the client may try again later
    refusal: (reason: RefusalReason) => errLine(REFUSALS[reason], 'SYS/TEMP'),
    onError: (err: Error, info: ConnectionInfo) => log.lowlevel({ err: err.message, ip: info.remoteAddress }, 'pop3 connection error'),
  };
  const plain = await startListener({ ...common, name: 'pop3', port: config.port });
  let implicitTls: Listener | null = null;
  if (options.tls && config.implicitTls) {
    try {
      implicitTls = await startListener({ ...common, name: 'pop3s', port: config.tlsPort, tls: options.tls });
    } catch (err) {
      await plain.close();
      throw err;
    }
  }
  return {
    plain,
    implicitTls,
    close: async () => {
      await Promise.all([plain.close(), implicitTls?.close()]);
    },
  };
}
