// A mailferry IMAP server over a temporary store, for the server tests: accounts, messages delivered through the
// store's one ingest path, a self-signed certificate, captured log lines, and cleanup of it all.
import { Writable } from 'node:stream';
import { openTempStore, type TempStore } from '../../store/temp-store.ts';
import { ingestMessage } from '../../../src/store/ingest.ts';
import type { MessageMeta } from '../../../src/store/types.ts';
import { startImapServer, type RunningImapServer } from '../../../src/imap/server/server.ts';
import { imapSection, type ImapConfig } from '../../../src/imap/config.ts';
import { loadServerTls, tlsSection, type ServerTls } from '../../../src/net/tls.ts';
import { createLogger, type Logger } from '../../../src/log/logger.ts';

export const PASSWORD = 'correct horse battery';

export interface ImapFixture {
  temp: TempStore;
  server: RunningImapServer;
  tls: ServerTls;
  port: number;
  tlsPort: number;
  config: ImapConfig;
  /** JSON log lines written so far (level "all") */
  logLines(): Array<Record<string, unknown>>;
  addAccount(address: string): Promise<void>;
  deliver(address: string, bytes: Buffer | string, options?: { folder?: string; flags?: string[]; internalDate?: Date }): Promise<MessageMeta>;
  cleanup(): Promise<void>;
}

export async function startImapFixture(overrides: Partial<ImapConfig> = {}): Promise<ImapFixture> {
  // a realistic grace period: with none, an APPEND that reuses the blob of a message just expunged elsewhere races
  // the garbage collector (the store's design gives such a blob minutes)
  const temp = await openTempStore({ blobGraceMs: 60_000 });
  const tls = await loadServerTls(tlsSection.parse({}), temp.dataDir);
  const config = imapSection.parse({ port: 0, tlsPort: 0, failedLoginDelayMs: 0, ...overrides });
  const lines: string[] = [];
  // MF_TEST_LOG=1 also prints problems to standard error, for debugging a test
  const echo = process.env.MF_TEST_LOG === '1';
  const logger: Logger = createLogger({ level: 'all', destination: new Writable({ write(chunk, _e, cb) {
    lines.push(String(chunk));
    if (echo && String(chunk).includes('"level":50')) process.stderr.write(chunk);
    cb();
  } }) });
  const server = await startImapServer({ store: temp.store, config, tls, log: logger, hostname: 'imap.test', version: 'test' });
  return {
    temp, tls, config, server,
    port: server.plain.port,
    tlsPort: server.implicitTls?.port ?? 0,
    logLines: () => lines.join('').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>),
    async addAccount(address) {
      const domain = address.split('@')[1]!;
      if (!(await temp.store.getDomain(domain))) await temp.store.addDomain(domain);
      await temp.store.addAccount(address, PASSWORD);
    },
    async deliver(address, bytes, options = {}) {
      const account = (await temp.store.getAccount(address))!;
      const folder = (await temp.store.getFolder(account.id, options.folder ?? 'INBOX'))!;
      return ingestMessage(temp.store, folder.id, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1'), { flags: options.flags, internalDate: options.internalDate });
    },
    async cleanup() {
      await server.close();
      await temp.cleanup();
    },
  };
}

export function message(n: number, extra = ''): string {
  return `Message-ID: <m${n}@example.org>\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\nFrom: Sender ${n} <s${n}@example.org>\r\n`
    + `To: alice@example.org\r\nSubject: test message ${n}\r\n${extra}\r\nHello number ${n}\r\n`;
}
