// A store in a fresh temporary directory, removed again by cleanup(). Low scrypt cost keeps account tests fast.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenedStore, type OpenStoreOptions } from '../../src/store/open.ts';

export const FAST_SCRYPT = { ln: 4, r: 8, p: 1 };

export interface TempStore {
  store: OpenedStore;
  dataDir: string;
  reopen(): Promise<OpenedStore>;
  cleanup(): Promise<void>;
}

export async function openTempStore(options: Partial<OpenStoreOptions> = {}): Promise<TempStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mailferry-store-'));
  const open = () => openStore({ scryptCost: FAST_SCRYPT, blobGraceMs: 0, ...options, dataDir });
  const temp: TempStore = {
    store: await open(),
    dataDir,
    async reopen() {
      await temp.store.close();
      temp.store = await open();
      return temp.store;
    },
    async cleanup() {
      await temp.store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return temp;
}

/** A store with one domain and one account; returns the account and its INBOX. */
export async function openStoreWithAccount(address = 'alice@example.org') {
  const temp = await openTempStore();
  await temp.store.addDomain(address.split('@')[1]!);
  const account = await temp.store.addAccount(address, 'correct horse');
  const inbox = (await temp.store.getFolder(account.id, 'INBOX'))!;
  return { ...temp, account, inbox };
}

export function sampleMessage(n: number, body = 'Hello'): Buffer {
  return Buffer.from(`Message-ID: <m${n}@example.org>\r\nSubject: test ${n}\r\nFrom: a@example.org\r\n\r\n${body} ${n}\r\n`);
}
