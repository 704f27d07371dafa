// What a POP3 session needs from outside itself: the store, configuration, TLS, login throttling, logging.
// Built once per server by server.ts; sessions share it.
import type { Logger } from '../../log/logger.ts';
import type { AuthThrottle } from '../../net/auth-throttle.ts';
import type { ServerTls } from '../../net/tls.ts';
import type { Store } from '../../store/store.ts';
import type { Pop3Config } from '../config.ts';

/**
 * APOP (RFC 1939 §7) needs the shared secret in plain, which the store never keeps (passwords are scrypt
 * hashes). APOP is therefore offered only when such a source is wired in: an account without a secret cannot
 * use APOP, and without a source the greeting carries no timestamp and APOP is refused.
 */
export interface ApopSecretSource {
  secretFor(address: string): Promise<string | undefined>;
}

export interface Pop3Services {
  store: Store;
  config: Pop3Config;
  /** null: no STLS and no implicit TLS port */
  tls: ServerTls | null;
  throttle: AuthThrottle;
  apop: ApopSecretSource | null;
  log: Logger;
  /** for the greeting and the APOP timestamp */
  hostname: string;
}
