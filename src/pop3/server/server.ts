// The POP3 server: a plain/STLS listener and an implicit-TLS listener (RFC 8314 §3.3 "POP3S") over one set of
// services, each connection a Pop3Session on the account's INBOX in the store.
import { hostname as osHostname } from 'node:os';
import { log as rootLog, type Logger } from '../../log/logger.ts';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectionInfo, Listener, RefusalReason } from '../../net/listener.ts';
import { connectionLimits, loginThrottle, REFUSAL_TEXTS, startListenerPair } from '../../net/protocol-listeners.ts';
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

export async function startPop3Server(options: Pop3ServerOptions): Promise<RunningPop3Server> {
  const { config } = options;
  const log = (options.log ?? rootLog).child({ service: 'pop3' }) as Logger;
  const services: Pop3Services = {
    store: options.store,
    config,
    tls: options.tls,
    throttle: loginThrottle(config),
    apop: options.apop ?? null,
    log,
    hostname: options.hostname ?? osHostname(),
  };
  const common = {
    ...connectionLimits(config),
    onConnection: (socket: Socket | TLSSocket, info: ConnectionInfo) => {
      new Pop3Session(socket, info, services);
    },
    // RFC 3206 §4: SYS/TEMP — the client may try again later
    refusal: (reason: RefusalReason) => errLine(REFUSAL_TEXTS[reason], 'SYS/TEMP'),
    onError: (err: Error, info: ConnectionInfo) => log.lowlevel({ err: err.message, ip: info.remoteAddress }, 'pop3 connection error'),
  };
  const { plain, implicitTls } = await startListenerPair({
    common, names: { plain: 'pop3', implicitTls: 'pop3s' }, ports: { plain: config.port, implicitTls: config.tlsPort },
    tls: config.implicitTls ? options.tls : null,
  });
  return {
    plain,
    implicitTls,
    close: async () => {
      await Promise.all([plain.close(), implicitTls?.close()]);
    },
  };
}
