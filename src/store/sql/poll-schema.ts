// Migration for poll records (../poll-store.ts): the records with their schedule, lease and last results, the
// remote hosts that are delayed after refusing connections, and each account's delivery rules
// (../rules-store.ts). Added to schema.ts as one line.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialectBits } from './dialect.ts';

export function pollSchema(d: SqlDialectBits): Migration {
  return {
    async up(db: Kysely<any>) {
      let table = db.schema.createTable('poll_records')
        .addColumn('id', d.idType, (c) => d.idColumn(c))
        .addColumn('account_id', d.idType, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull());
      for (const name of ['protocol', 'host', 'tls', 'auth', 'username', 'sealed_secret']) table = table.addColumn(name, 'text', (c) => c.notNull());
      for (const name of ['port', 'every_seconds', 'enabled', 'delete_remote', 'domain_wide']) table = table.addColumn(name, 'integer', (c) => c.notNull());
      for (const name of ['mailbox', 'folders', 'envelope_header', 'last_error', 'failure_kind', 'lease_owner']) table = table.addColumn(name, 'text');
      for (const name of ['created_at', 'updated_at', 'next_run_at']) table = table.addColumn(name, 'bigint', (c) => c.notNull());
      for (const name of ['last_run_at', 'last_success_at', 'last_error_at', 'failed_until', 'lease_expires_at']) table = table.addColumn(name, 'bigint');
      for (const name of ['consecutive_failures', 'last_messages', 'last_bytes', 'last_duration_ms', 'total_messages', 'total_bytes']) {
        table = table.addColumn(name, 'bigint', (c) => c.notNull().defaultTo(0));
      }
      await table.addUniqueConstraint('poll_records_account_name', ['account_id', 'name']).execute();
      // the scheduler's question: what is due (enabled, by next run time)
      await db.schema.createIndex('poll_records_due').on('poll_records').columns(['enabled', 'next_run_at']).execute();

      await db.schema.createTable('poll_hosts')
        .addColumn('host', 'text', (c) => c.primaryKey())
        .addColumn('failed_until', 'bigint', (c) => c.notNull())
        .addColumn('last_error', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema.createTable('delivery_rules')
        .addColumn('account_id', d.idType, (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
        .addColumn('script', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
