// The store's entry point: `openStore({ dataDir })` → SQLite metadata in dataDir/mailferry.sqlite, message
// bodies under dataDir/blobs/. Creates both on first use and brings the schema up to date.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../log/logger.ts';
import { FileBlobStore } from './blobs/file-blob-store.ts';
import { InProcessNotifier } from './notifier.ts';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passwords.ts';
import { migrateToLatest } from './sql/schema.ts';
import { SqlStore } from './sql/sql-store.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';
import { sqliteBits } from './sqlite/sqlite-bits.ts';

export interface OpenStoreOptions {
  dataDir: string;
  /** scrypt cost for new password hashes (default ln=15, r=8, p=1); tests may lower it */
  scryptCost?: ScryptCost;
  /**
   * How long an unreferenced blob is kept before removal (default 10 minutes): the margin for an ingest in
   * another process that reused the blob just before it became unreferenced. Tests use 0.
   */
  blobGraceMs?: number;
  /** how long a writer waits for another process's lock (default 15 s) */
  busyTimeoutMs?: number;
}

export type OpenedStore = SqlStore;

export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  await mkdir(options.dataDir, { recursive: true });
  const blobs = new FileBlobStore(join(options.dataDir, 'blobs'));
  await blobs.init();
  const db = openSqlite(join(options.dataDir, 'mailferry.sqlite'), { busyTimeoutMs: options.busyTimeoutMs });
  try {
    await migrateToLatest(db, sqliteBits);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const store = new SqlStore({
    db, bits: sqliteBits, blobs, notifier: new InProcessNotifier(),
    scryptCost: options.scryptCost ?? DEFAULT_SCRYPT_COST, blobGraceMs: options.blobGraceMs ?? 10 * 60_000,
  });
  // Orphans left by an earlier process; a failure here (another process holds the lock) is not worth refusing
  // to open for: they are retried after the next expunge.
  await store.collectGarbage().catch((error: unknown) => log.problems({ err: error }, 'removing unreferenced blobs at open failed'));
  return store;
}
