// What an IMAP session needs from outside itself: the store, configuration, TLS, login throttling, logging.
// Built once per server by server.ts; sessions share it.
import type { Logger } from '../../log/logger.ts';
import type { AuthThrottle } from '../../net/auth-throttle.ts';
import type { ServerTls } from '../../net/tls.ts';
import type { Store } from '../../store/store.ts';
import type { ImapConfig } from '../config.ts';
import type { BufferPool } from './buffer-pool.ts';
import type { FormatCache } from './fetch/format-cache.ts';
import type { Limiter } from '../../util/limiter.ts';

export interface ImapServices {
  store: Store;
  config: ImapConfig;
  /** null: no STARTTLS and no implicit TLS port */
  tls: ServerTls | null;
  throttle: AuthThrottle;
  log: Logger;
  /** for the greeting */
  hostname: string;
  version: string;
  /** formatted ENVELOPE / BODYSTRUCTURE per message, shared by all sessions */
  formatCache: FormatCache;
  /** reusable buffers for output batches and small message reads */
  buffers: BufferPool;
  /** password checks (scrypt, 32 MB each) run this many at a time, so a login storm cannot balloon memory */
  passwordChecks: Limiter;
}
