// What the poll tests share: a private Dovecot with remote users, a temporary store with local accounts, the
// configuration, and messages dropped into a remote maildir as a provider would deliver them.
import { chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PollAdminContext } from '../../src/admin/poll.ts';
import { configSchema } from '../../src/config/schema.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

export interface PollFixture {
  dovecot: DovecotInstance;
  temp: TempStore;
  context: PollAdminContext;
  /** drops a message into a remote user's new/ */
  deliver(user: string, bytes: Buffer): void;
  /** messages left in a remote user's maildir */
  remoteCount(user: string): number;
  close(): Promise<void>;
}

let counter = 0;

export async function pollFixture(options: { remoteUsers: string[]; localAccounts: string[]; config?: Record<string, unknown> }): Promise<PollFixture> {
  const dovecot = await startDovecot({ users: options.remoteUsers.map((user) => ({ user, password: `pw-${user}` })) });
  const temp = await openTempStore();
  for (const domain of new Set(options.localAccounts.map((a) => a.split('@')[1]!))) await temp.store.addDomain(domain);
  for (const address of options.localAccounts) await temp.store.addAccount(address, 'local-pw');
  const config = configSchema.parse({ store: { dataDir: temp.dataDir }, pop3: { port: 0, tlsPort: 0 }, imap: { port: 0, tlsPort: 0 }, ...options.config });
  const logger = createLogger({ level: (process.env.POLL_TEST_LOG as 'all' | undefined) ?? 'problems' });
  const fixture: PollFixture = {
    dovecot, temp,
    context: { store: temp.store, config, logger },
    deliver(user, bytes) {
      const root = dovecot.mailDir(user);
      const owner = statSync(join(dovecot.dir, 'mail'));
      for (const dir of [root, join(root, 'cur'), join(root, 'new'), join(root, 'tmp')]) {
        mkdirSync(dir, { recursive: true });
        chownSync(dir, owner.uid, owner.gid);
      }
      const file = join(root, 'new', `${Date.now()}.M${++counter}P${process.pid}.test`);
      writeFileSync(file, bytes);
      chownSync(file, owner.uid, owner.gid);
    },
    remoteCount(user) {
      const root = dovecot.mailDir(user);
      return ['new', 'cur'].reduce((sum, dir) => sum + readdirSync(join(root, dir)).length, 0);
    },
    async close() {
      await temp.cleanup();
      await dovecot.stop();
    },
  };
  return fixture;
}

/** A small message; `extra` adds header lines. */
export function message(subject: string, extra: string[] = [], body = 'Hello.\r\n'): Buffer {
  return Buffer.from([`Message-ID: <${subject.replace(/\W/g, '')}.${++counter}@test>`, 'From: sender@remote.example', `Subject: ${subject}`, ...extra, '', body].join('\r\n'), 'latin1');
}
