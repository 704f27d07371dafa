// Schema migrations, in kysely's schema builder so SQLite and PostgreSQL get the same tables. Append new
// migrations at the end; never edit one that has shipped.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { StoreError } from '../errors.ts';
import type { SqlDialectBits } from './dialect.ts';
import { pollSchema } from './poll-schema.ts';

function initialSchema(d: SqlDialectBits): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('store_meta')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema.createTable('domains')
        .addColumn('id', d.idType, (c) => d.idColumn(c))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema.createTable('accounts')
        .addColumn('id', d.idType, (c) => d.idColumn(c))
        .addColumn('address', 'text', (c) => c.notNull().unique())
        .addColumn('domain_id', d.idType, (c) => c.notNull().references('domains.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('accounts_domain').on('accounts').column('domain_id').execute();

      await db.schema.createTable('aliases')
        .addColumn('id', d.idType, (c) => d.idColumn(c))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('domain_id', d.idType, (c) => c.notNull().references('domains.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('aliases_source_target', ['source', 'target'])
        .execute();
      await db.schema.createIndex('aliases_domain').on('aliases').column('domain_id').execute();

      await db.schema.createTable('folders')
        .addColumn('id', d.idType, (c) => d.idColumn(c))
        .addColumn('account_id', d.idType, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('uid_validity', 'bigint', (c) => c.notNull())
        .addColumn('uid_next', 'bigint', (c) => c.notNull())
        .addColumn('highest_modseq', 'bigint', (c) => c.notNull())
        .addColumn('special_use', 'text')
        .addColumn('subscribed', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('folders_account_name', ['account_id', 'name'])
        .execute();

      await db.schema.createTable('messages')
        .addColumn('id', d.idType, (c) => d.idColumn(c))
        .addColumn('folder_id', d.idType, (c) => c.notNull().references('folders.id').onDelete('cascade'))
        .addColumn('uid', 'bigint', (c) => c.notNull())
        .addColumn('modseq', 'bigint', (c) => c.notNull())
        .addColumn('seen', 'integer', (c) => c.notNull())
        .addColumn('answered', 'integer', (c) => c.notNull())
        .addColumn('flagged', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('draft', 'integer', (c) => c.notNull())
        .addColumn('keywords', 'text', (c) => c.notNull())
        .addColumn('internal_date', 'bigint', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('mime', 'text', (c) => c.notNull())
        .addUniqueConstraint('messages_folder_uid', ['folder_id', 'uid'])
        .execute();
      // CONDSTORE CHANGEDSINCE (RFC 7162 §3.1.4) scans by modseq within a folder.
      await db.schema.createIndex('messages_folder_modseq').on('messages').columns(['folder_id', 'modseq']).execute();
      // Digest first: serves both "this digest in this folder" (reconciliation) and "is this blob still
      // referenced anywhere" (garbage collection), with one index instead of two.
      await db.schema.createIndex('messages_sha256_folder').on('messages').columns(['sha256', 'folder_id']).execute();

      await db.schema.createTable('ledger')
        .addColumn('pair', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('folder_id', d.idType)
        .addColumn('uid', 'bigint')
        .addColumn('sha256', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_pair_source', ['pair', 'source'])
        .execute();

      await db.schema.createTable('blob_orphans')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blob_orphans_since').on('blob_orphans').column('since').execute();
    },
  };
}

// RFC 3501 §2.3.2 \Recent: the first UID no session has seen yet (see recent.ts).
const recentColumn: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('folders').addColumn('recent_uid', 'bigint', (c) => c.notNull().defaultTo(1)).execute();
  },
};

// Transfer ledger (transfer-ledger.ts): the ledger rows of a sync pair carry the source folder and identity,
// the destination identity, size, Message-ID and the flags last agreed on; per folder the UIDVALIDITY, MODSEQ
// and UIDNEXT of both sides; and the appends in flight, reconciled after a crash.
function transferLedger(d: SqlDialectBits): Migration {
  return {
    async up(db: Kysely<any>) {
      for (const [name, type] of [['folder', 'text'], ['source_id', 'text'], ['dest_id', 'text'], ['size', 'bigint'],
        ['message_id', 'text'], ['flags', 'text']] as const) {
        await db.schema.alterTable('ledger').addColumn(name, type).execute();
      }
      await db.schema.createIndex('ledger_pair_folder').on('ledger').columns(['pair', 'folder']).execute();

      await db.schema.createTable('ledger_folders')
        .addColumn('pair', 'text', (c) => c.notNull())
        .addColumn('folder', 'text', (c) => c.notNull())
        .addColumn('dest_folder', 'text', (c) => c.notNull())
        .addColumn('source_uid_validity', 'bigint')
        .addColumn('dest_uid_validity', 'bigint')
        .addColumn('source_modseq', 'bigint')
        .addColumn('dest_modseq', 'bigint')
        .addColumn('source_uid_next', 'bigint')
        .addColumn('dest_uid_next', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_folders_pair_folder', ['pair', 'folder'])
        .execute();

      await db.schema.createTable('ledger_pending')
        .addColumn('id', d.idType, (c) => d.idColumn(c))
        .addColumn('pair', 'text', (c) => c.notNull())
        .addColumn('folder', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('origin_id', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('target_uid_next', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ledger_pending_pair_folder').on('ledger_pending').columns(['pair', 'folder', 'direction', 'origin_id'])
        .execute();
    },
  };
}

// RFC 3501 §6.3.6: subscribed names that have no folder (see subscriptions.ts).
function subscriptionsTable(d: SqlDialectBits): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('subscriptions')
        .addColumn('account_id', d.idType, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('subscriptions_account_name', ['account_id', 'name'])
        .execute();
    },
  };
}

// A message's bare LFs (the wire size is size + bare_lf, RFC 3501 §4.3 literals count CRLF line ends), so that
// FETCH BODY[], RFC822 and RFC822.SIZE — what every sync and backup tool asks for — need not read the MIME JSON.
const bareLfColumn: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('messages').addColumn('bare_lf', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    // rows stored before: the count is in their MIME structure; read in keyset batches so memory stays flat
    for (let after = 0; ;) {
      const rows: Array<{ id: number; mime: string }> = await db.selectFrom('messages').select(['id', 'mime'])
        .where('id', '>', after).orderBy('id').limit(1000).execute();
      for (const row of rows) {
        const bareLf = Number((JSON.parse(row.mime) as { bareLf?: number }).bareLf ?? 0);
        if (bareLf > 0) await db.updateTable('messages').set({ bare_lf: bareLf }).where('id', '=', row.id).execute();
      }
      if (rows.length < 1000) break;
      after = Number(rows[rows.length - 1]!.id);
    }
  },
};

// FETCH of flags, ENVELOPE or BODYSTRUCTURE (what a client lists a folder with) reads id, UID, MODSEQ and flags
// only: an index holding them answers without visiting the table rows, which carry the MIME structure.
const flagsIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('messages_folder_uid_flags').on('messages')
      .columns(['folder_id', 'uid', 'id', 'modseq', 'seen', 'answered', 'flagged', 'deleted', 'draft', 'keywords']).execute();
  },
};

function migrations(d: SqlDialectBits): Record<string, Migration> {
  return {
    '0001_initial': initialSchema(d),
    '0002_recent': recentColumn,
    '0003_transfer_ledger': transferLedger(d),
    '0004_poll_records': pollSchema(d),
    '0005_subscriptions': subscriptionsTable(d),
    '0006_bare_lf': bareLfColumn,
    '0007_flags_index': flagsIndex,
  };
}

export async function migrateToLatest(db: Kysely<any>, d: SqlDialectBits): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(d) };
  const migrator = new Migrator({ db, provider, migrationTableName: 'store_migrations', migrationLockTableName: 'store_migration_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError('invalid', `database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
}
