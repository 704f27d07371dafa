// SQLite's answers to the dialect questions of sql/dialect.ts.
import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { Db } from '../sql/db-types.ts';
import type { SqlDialectBits } from '../sql/dialect.ts';

function sqliteCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

export const sqliteBits: SqlDialectBits = {
  name: 'sqlite',
  idType: 'integer',
  // "integer primary key" aliases the rowid; AUTOINCREMENT keeps ids of deleted rows from coming back.
  idColumn: (column: ColumnDefinitionBuilder) => column.primaryKey().autoIncrement(),

  async writeTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
    return db.connection().execute(async (connection) => {
      // IMMEDIATE takes the write lock up front: a deferred transaction that reads first and writes later can
      // fail with SQLITE_BUSY (not retried by busy_timeout) when another process wrote in between.
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => undefined);
        throw error;
      }
    });
  },

  isUniqueViolation: (error) => /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(sqliteCode(error)),
  isBusy: (error) => /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(error)),
  // SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32
  maxParameters: 32766,
  // SQLite aggregates in the order rows are visited: (folder_id, uid) index order
  joinedUids: () => sql<string | null>`group_concat(uid, ',')`,
};
