// A mailferry POP3 server over a temporary store, for the server tests: accounts, messages delivered through
// the store's one ingest path, a self-signed certificate, and cleanup of it all.
import { Writable } from 'node:stream';
import { openTempStore, type TempStore } from '../store/temp-store.ts';
import { ingestMessage } from '../../src/store/ingest.ts';
import type { MessageMeta } from '../../src/store/types.ts';
import { startPop3Server, type RunningPop3Server } from '../../src/pop3/server/server.ts';
import type { ApopSecretSource } from '../../src/pop3/server/services.ts';
import { pop3Section, type Pop3Config } from '../../src/pop3/config.ts';
import { loadServerTls, tlsSection, type ServerTls } from '../../src/net/tls.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';

export const PASSWORD = 'correct horse battery';

export interface Pop3Fixture {
  temp: TempStore;
  server: RunningPop3Server;
  tls: ServerTls;
  port: number;
  tlsPort: number;
  config: Pop3Config;
  /** JSON log lines written so far (level "all") */
  logLines(): Array<Record<string, unknown>>;
  addAccount(address: string): Promise<void>;
  deliver(address: string, bytes: Buffer): Promise<MessageMeta>;
  /** stops the server and starts it again on a reopened store (ports change) */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startPop3Fixture(overrides: Partial<Pop3Config> = {}, apop?: ApopSecretSource): Promise<Pop3Fixture> {
  const temp = await openTempStore();
  const tls = await loadServerTls(tlsSection.parse({}), temp.dataDir);
  const config = pop3Section.parse({ port: 0, tlsPort: 0, failedLoginDelayMs: 0, ...overrides });
  const lines: string[] = [];
  const logger: Logger = createLogger({ level: 'all', destination: new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }) });
  const start = () => startPop3Server({ store: temp.store, config, tls, log: logger, apop, hostname: 'pop3.test' });
  const fixture: Pop3Fixture = {
    temp, tls, config,
    server: await start(),
    get port() { return fixture.server.plain.port; },
    get tlsPort() { return fixture.server.implicitTls?.port ?? 0; },
    logLines: () => lines.join('').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>),
    async addAccount(address) {
      const domain = address.split('@')[1]!;
      if (!(await temp.store.getDomain(domain))) await temp.store.addDomain(domain);
      await temp.store.addAccount(address, PASSWORD);
    },
    async deliver(address, bytes) {
      const account = (await temp.store.getAccount(address))!;
      const inbox = (await temp.store.getFolder(account.id, 'INBOX'))!;
      return ingestMessage(temp.store, inbox.id, bytes);
    },
    async restart() {
      await fixture.server.close();
      await temp.reopen();
      fixture.server = await startPop3Server({ store: temp.store, config, tls, log: logger, apop, hostname: 'pop3.test' });
    },
    async cleanup() {
      await fixture.server.close();
      await temp.cleanup();
    },
  };
  return fixture;
}
