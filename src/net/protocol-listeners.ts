// What IMAP and POP3 start the same way: the failed-login throttle from their shared settings, and a plain
// listener plus, when TLS is configured, an implicit-TLS one (RFC 8314 §3.3: 993 and 995), the plain one
// closed again if the second cannot start.
import { AuthThrottle } from './auth-throttle.ts';
import { startListener, type Listener, type ListenerOptions, type RefusalReason } from './listener.ts';
import type { ServerTls } from './tls.ts';

export interface LoginThrottleSettings {
  failedLoginDelayMs: number;
  maxFailedLoginDelayMs: number;
  failedLoginWindowSeconds: number;
  maxFailedLoginsPerIp: number;
  maxFailedLoginsPerAccount: number;
}

export function loginThrottle(config: LoginThrottleSettings): AuthThrottle {
  return new AuthThrottle({
    failureDelayMs: config.failedLoginDelayMs,
    maxFailureDelayMs: config.maxFailedLoginDelayMs,
    windowMs: config.failedLoginWindowSeconds * 1000,
    maxFailuresPerIp: config.maxFailedLoginsPerIp,
    maxFailuresPerAccount: config.maxFailedLoginsPerAccount,
  });
}

/** Why a connection is refused, in words each protocol wraps in its own reply (BYE, -ERR [SYS/TEMP]). */
export const REFUSAL_TEXTS: Record<RefusalReason, string> = {
  'server-busy': 'Too many connections, try again later',
  'ip-busy': 'Too many connections from your address, try again later',
  'ip-rate': 'Connecting too often from your address, try again later',
};

export interface ConnectionLimitSettings {
  host: string;
  maxConnections: number;
  maxConnectionsPerIp: number;
  connectionsPerIpPerMinute: number;
}

/** The listener fields both protocols take from their config as they are. */
export function connectionLimits(config: ConnectionLimitSettings): Pick<ListenerOptions, keyof ConnectionLimitSettings> {
  const { host, maxConnections, maxConnectionsPerIp, connectionsPerIpPerMinute } = config;
  return { host, maxConnections, maxConnectionsPerIp, connectionsPerIpPerMinute };
}

export interface ListenerPairOptions {
  /** everything but name, port and TLS, the same for both listeners */
  common: Omit<ListenerOptions, 'name' | 'port' | 'tls'>;
  names: { plain: string; implicitTls: string };
  ports: { plain: number; implicitTls: number };
  /** null: no implicit-TLS listener */
  tls: ServerTls | null;
}

export async function startListenerPair(options: ListenerPairOptions): Promise<{ plain: Listener; implicitTls: Listener | null }> {
  const { common, names, ports, tls } = options;
  const plain = await startListener({ ...common, name: names.plain, port: ports.plain });
  if (!tls) return { plain, implicitTls: null };
  try {
    return { plain, implicitTls: await startListener({ ...common, name: names.implicitTls, port: ports.implicitTls, tls }) };
  } catch (err) {
    await plain.close();
    throw err;
  }
}
