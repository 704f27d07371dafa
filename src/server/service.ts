// What `mailferry serve` starts: each listener (HTTP now; IMAP, POP3, SMTP later) is a Service.
import type { Config } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from '../log/logger.ts';

export interface ServiceContext {
  config: Config;
  store: Store;
  log: Logger;
  version: string;
}

export interface RunningService {
  name: string;
  /** where it listens, for the start line: "http://127.0.0.1:8025" */
  address: string;
  /** stops accepting, ends open connections, resolves when closed */
  close(): Promise<void>;
}

export interface Service {
  name: string;
  start(context: ServiceContext): Promise<RunningService>;
}
