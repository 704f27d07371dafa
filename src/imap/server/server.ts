// The IMAP server: a plain listener offering STARTTLS and an implicit-TLS listener (RFC 8314 §3.3 "IMAPS") over
// one set of services; each connection is an ImapSession over the store.
import { hostname as osHostname } from 'node:os';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { untaggedStatus } from '../codec/index.ts';
import { log as rootLog, type Logger } from '../../log/logger.ts';
import type { ConnectionInfo, Listener, RefusalReason } from '../../net/listener.ts';
import { connectionLimits, loginThrottle, REFUSAL_TEXTS, startListenerPair } from '../../net/protocol-listeners.ts';
import type { ServerTls } from '../../net/tls.ts';
import type { Store } from '../../store/store.ts';
import type { ImapConfig } from '../config.ts';
import { BufferPool } from './buffer-pool.ts';
import { FormatCache } from './fetch/format-cache.ts';
import { Limiter } from '../../util/limiter.ts';
import type { ImapServices } from './services.ts';
import { ImapSession } from './session.ts';

export interface ImapServerOptions {
  store: Store;
  config: ImapConfig;
  /** null: no STARTTLS and no implicit TLS listener */
  tls: ServerTls | null;
  log?: Logger;
  hostname?: string;
  version?: string;
}

export interface RunningImapServer {
  plain: Listener;
  implicitTls: Listener | null;
  /** sessions still running */
  readonly sessions: number;
  close(): Promise<void>;
}

export async function startImapServer(options: ImapServerOptions): Promise<RunningImapServer> {
  const { config } = options;
  // `serve` hands in a logger already bound to the service name
  const log = options.log ?? (rootLog.child({ service: 'imap' }) as Logger);
  const services: ImapServices = {
    store: options.store,
    config,
    tls: options.tls,
    throttle: loginThrottle(config),
    log,
    hostname: options.hostname ?? osHostname(),
    version: options.version ?? '0',
    formatCache: new FormatCache(),
    buffers: new BufferPool(),
    passwordChecks: new Limiter(1),
  };
  const running = new Set<Promise<void>>();
  const sessions = new Set<ImapSession>();
  const common = {
    ...connectionLimits(config),
    onConnection: (socket: Socket | TLSSocket, info: ConnectionInfo) => {
      const session = new ImapSession(socket, info, services);
      const done = session.run();
      sessions.add(session);
      running.add(done);
      void done.finally(() => {
        running.delete(done);
        sessions.delete(session);
      });
    },
    // RFC 3501 §7.1.5: a server refusing a connection greets with BYE
    refusal: (reason: RefusalReason) => untaggedStatus('BYE', `${REFUSAL_TEXTS[reason]}.`),
    onError: (err: Error, info: ConnectionInfo) => log.lowlevel({ err: err.message, ip: info.remoteAddress }, 'imap connection error'),
  };
  const { plain, implicitTls } = await startListenerPair({
    common, names: { plain: 'imap', implicitTls: 'imaps' }, ports: { plain: config.port, implicitTls: config.tlsPort },
    tls: config.implicitTls ? options.tls : null,
  });
  return {
    plain,
    implicitTls,
    get sessions() {
      return running.size;
    },
    close: async () => {
      // RFC 3501 §7.1.5: a server going down says BYE to each client first
      for (const session of sessions) session.shutdown();
      await Promise.all([plain.close(), implicitTls?.close()]);
      // the sockets are gone; let each session finish its bookkeeping (staged literals, log line)
      await Promise.allSettled([...running]);
    },
  };
}
