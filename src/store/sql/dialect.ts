// The few things that differ between SQL engines, in one place. Everything else (schema, queries) is plain kysely
// that SQLite and PostgreSQL both run.
import type { ColumnDefinitionBuilder, RawBuilder } from 'kysely';
import type { Db } from './db-types.ts';

export interface SqlDialectBits {
  readonly name: 'sqlite' | 'postgres';
  /** auto-generated primary key that is never reused (a deleted folder's id must not come back) */
  idColumn(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** the column type of `idColumn`, for foreign keys */
  readonly idType: 'integer' | 'bigint';
  /** runs `work` in one write transaction on one connection, committing on success */
  writeTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T>;
  isUniqueViolation(error: unknown): boolean;
  isBusy(error: unknown): boolean;
  /** most bound parameters one statement may carry (multi-row inserts are chunked below it) */
  readonly maxParameters: number;
  /**
   * The messages' UIDs as one comma-separated text, ascending (SELECT's sequence map: one value for the
   * folder instead of a row per message, which for 100,000 messages is 100,000 row objects of garbage).
   */
  joinedUids(): RawBuilder<string | null>;
}
