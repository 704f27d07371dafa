// Poll records over SQL (see ../poll-store.ts). Leases are portable row leases: an UPDATE that only touches
// rows whose lease is free or expired, with RETURNING, so two schedulers never run the same record; PostgreSQL
// runs the same statements (its row locks make the second UPDATE re-check and skip the row).
import type { Selectable } from 'kysely';
import { StoreError } from '../errors.ts';
import {
  pollLedgerPair, type DueQuery, type PollAuth, type PollFailureKind, type PollHostState, type PollOutcome, type PollProtocol, type PollRecord,
  type PollSettings, type PollStore, type PollTls,
} from '../poll-store.ts';
import { translateError, writeTransaction, type StoreContext } from './context.ts';
import type { Db, PollRecordsTable } from './db-types.ts';
import { chunks } from './rows.ts';

type Row = Selectable<PollRecordsTable> & { address: string };

const date = (value: number | string | null): Date | null => (value === null ? null : new Date(Number(value)));

function toRecord(row: Row): PollRecord {
  return {
    id: row.id, accountId: row.account_id, account: row.address, name: row.name, createdAt: new Date(Number(row.created_at)),
    protocol: row.protocol as PollProtocol, host: row.host, port: Number(row.port), tls: row.tls as PollTls, auth: row.auth as PollAuth,
    username: row.username, sealedSecret: row.sealed_secret, everySeconds: Number(row.every_seconds), enabled: row.enabled !== 0,
    deleteRemote: row.delete_remote !== 0, mailbox: row.mailbox, folders: row.folders, domainWide: row.domain_wide !== 0,
    envelopeHeader: row.envelope_header,
    state: {
      nextRunAt: new Date(Number(row.next_run_at)), lastRunAt: date(row.last_run_at), lastSuccessAt: date(row.last_success_at),
      lastError: row.last_error, lastErrorAt: date(row.last_error_at), failureKind: row.failure_kind as PollFailureKind | null,
      failedUntil: date(row.failed_until), consecutiveFailures: Number(row.consecutive_failures),
      lastMessages: Number(row.last_messages), lastBytes: Number(row.last_bytes), lastDurationMs: Number(row.last_duration_ms),
      totalMessages: Number(row.total_messages), totalBytes: Number(row.total_bytes),
      leaseOwner: row.lease_owner, leaseExpiresAt: date(row.lease_expires_at),
    },
  };
}

function allColumns(settings: PollSettings) {
  return {
    protocol: settings.protocol, host: settings.host.toLowerCase(), port: settings.port, tls: settings.tls, auth: settings.auth,
    username: settings.username, sealed_secret: settings.sealedSecret, every_seconds: settings.everySeconds, enabled: settings.enabled ? 1 : 0,
    delete_remote: settings.deleteRemote ? 1 : 0, mailbox: settings.mailbox, folders: settings.folders, domain_wide: settings.domainWide ? 1 : 0,
    envelope_header: settings.envelopeHeader,
  };
}

function settingsColumns(settings: Partial<PollSettings>): Partial<ReturnType<typeof allColumns>> {
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);
  const columns = {
    protocol: settings.protocol, host: settings.host?.toLowerCase(), port: settings.port, tls: settings.tls, auth: settings.auth,
    username: settings.username, sealed_secret: settings.sealedSecret, every_seconds: settings.everySeconds, enabled: flag(settings.enabled),
    delete_remote: flag(settings.deleteRemote), mailbox: settings.mailbox, folders: settings.folders, domain_wide: flag(settings.domainWide),
    envelope_header: settings.envelopeHeader,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

function selectRecords(db: Db) {
  return db.selectFrom('poll_records').innerJoin('accounts', 'accounts.id', 'poll_records.account_id')
    .selectAll('poll_records').select('accounts.address as address');
}

/** Takes the lease of each record whose lease is free or expired: a conditional UPDATE … RETURNING. */
async function leaseRows(tx: Db, ids: readonly number[], owner: string, now: Date, expiresAt: Date): Promise<number[]> {
  const leased: number[] = [];
  for (const part of chunks(ids, 500)) {
    const rows = await tx.updateTable('poll_records').set({ lease_owner: owner, lease_expires_at: expiresAt.getTime() })
      .where('id', 'in', part)
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now.getTime())]))
      .returning('id').execute();
    leased.push(...rows.map((row) => row.id));
  }
  return leased;
}

/** Writes each outcome and frees its lease (only a lease this owner holds, or none). */
async function finishRows(tx: Db, owner: string, outcomes: readonly PollOutcome[]): Promise<void> {
  for (const outcome of outcomes) {
    const ok = outcome.error === null;
    await tx.updateTable('poll_records').set((eb) => ({
      lease_owner: null, lease_expires_at: null, next_run_at: outcome.nextRunAt.getTime(), last_run_at: outcome.startedAt.getTime(),
      last_messages: outcome.messages, last_bytes: outcome.bytes, last_duration_ms: outcome.finishedAt.getTime() - outcome.startedAt.getTime(),
      total_messages: eb('total_messages', '+', outcome.messages), total_bytes: eb('total_bytes', '+', outcome.bytes),
      failed_until: outcome.failedUntil?.getTime() ?? null, failure_kind: outcome.failureKind,
      ...(ok
        ? { last_success_at: outcome.finishedAt.getTime(), last_error: null, consecutive_failures: 0 }
        : { last_error: outcome.error, last_error_at: outcome.finishedAt.getTime(), consecutive_failures: eb('consecutive_failures', '+', 1) }),
    })).where('id', '=', outcome.id).where((eb) => eb.or([eb('lease_owner', '=', owner), eb('lease_owner', 'is', null)])).execute();
  }
}

export class SqlPollStore implements PollStore {
  constructor(private readonly ctx: StoreContext) {}

  async add(accountId: number, name: string, settings: PollSettings): Promise<PollRecord> {
    const now = Date.now();
    const id = await writeTransaction(this.ctx, `adding poll record ${name}`, async (tx) => {
      const existing = await tx.selectFrom('poll_records').select('id').where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
      if (existing) throw new StoreError('exists', `poll record "${name}" already exists for this account`);
      const row = await tx.insertInto('poll_records').values({
        ...allColumns(settings), account_id: accountId, name, created_at: now, updated_at: now,
        next_run_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    });
    return (await this.getById(id))!;
  }

  async get(accountId: number, name: string): Promise<PollRecord | undefined> {
    const row = await selectRecords(this.ctx.db).where('poll_records.account_id', '=', accountId).where('poll_records.name', '=', name).executeTakeFirst();
    return row && toRecord(row);
  }

  async getById(id: number): Promise<PollRecord | undefined> {
    const row = await selectRecords(this.ctx.db).where('poll_records.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(accountId?: number): Promise<PollRecord[]> {
    let query = selectRecords(this.ctx.db);
    if (accountId !== undefined) query = query.where('poll_records.account_id', '=', accountId);
    const rows = await query.orderBy('accounts.address').orderBy('poll_records.name').execute();
    return rows.map(toRecord);
  }

  async update(id: number, changes: Partial<PollSettings>): Promise<PollRecord> {
    const columns = settingsColumns(changes);
    // a new secret or a re-enabled record deserves a try now rather than after the failed-account delay
    const clearDelay = changes.sealedSecret !== undefined || changes.enabled === true || changes.username !== undefined;
    await writeTransaction(this.ctx, `changing poll record #${id}`, async (tx) => {
      const result = await tx.updateTable('poll_records').set({
        ...columns, updated_at: Date.now(), ...(clearDelay ? { failed_until: null, failure_kind: null } : {}),
      }).where('id', '=', id).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new StoreError('not-found', `poll record #${id} does not exist`);
    });
    return (await this.getById(id))!;
  }

  async remove(id: number): Promise<void> {
    const pair = pollLedgerPair(id);
    await writeTransaction(this.ctx, `removing poll record #${id}`, async (tx) => {
      await tx.deleteFrom('poll_records').where('id', '=', id).execute();
      await tx.deleteFrom('ledger').where('pair', '=', pair).execute();
      await tx.deleteFrom('ledger_folders').where('pair', '=', pair).execute();
      await tx.deleteFrom('ledger_pending').where('pair', '=', pair).execute();
    });
  }

  async runNow(id: number, now: Date): Promise<void> {
    await writeTransaction(this.ctx, `scheduling poll record #${id} now`, (tx) =>
      tx.updateTable('poll_records').set({ next_run_at: now.getTime(), failed_until: null }).where('id', '=', id).execute());
  }

  async due(query: DueQuery): Promise<PollRecord[]> {
    const now = query.now.getTime();
    let select = selectRecords(this.ctx.db)
      .where('poll_records.enabled', '=', 1)
      .where('poll_records.next_run_at', '<=', now)
      .where('accounts.disabled', '=', 0)
      .where((eb) => eb.or([eb('poll_records.lease_expires_at', 'is', null), eb('poll_records.lease_expires_at', '<', now)]))
      .where((eb) => eb.or([eb('poll_records.failed_until', 'is', null), eb('poll_records.failed_until', '<=', now)]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('poll_hosts').select('poll_hosts.host')
        .whereRef('poll_hosts.host', '=', 'poll_records.host').where('poll_hosts.failed_until', '>', now))));
    if (query.excludeHosts && query.excludeHosts.length > 0) select = select.where('poll_records.host', 'not in', [...query.excludeHosts]);
    const rows = await select.orderBy('poll_records.next_run_at').orderBy('poll_records.id').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  async lease(ids: readonly number[], owner: string, now: Date, expiresAt: Date): Promise<number[]> {
    if (ids.length === 0) return [];
    return writeTransaction(this.ctx, `leasing ${ids.length} poll record(s)`, (tx) => leaseRows(tx, ids, owner, now, expiresAt));
  }

  async renew(ids: readonly number[], owner: string, expiresAt: Date): Promise<void> {
    if (ids.length === 0) return;
    await writeTransaction(this.ctx, `renewing ${ids.length} poll lease(s)`, async (tx) => {
      for (const part of chunks(ids, 500)) {
        await tx.updateTable('poll_records').set({ lease_expires_at: expiresAt.getTime() }).where('id', 'in', part).where('lease_owner', '=', owner).execute();
      }
    });
  }

  async finish(owner: string, outcomes: readonly PollOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await writeTransaction(this.ctx, `recording ${outcomes.length} poll result(s)`, (tx) => finishRows(tx, owner, outcomes));
  }

  async finishAndLease(owner: string, outcomes: readonly PollOutcome[], ids: readonly number[], now: Date, expiresAt: Date): Promise<number[]> {
    if (outcomes.length === 0 && ids.length === 0) return [];
    return writeTransaction(this.ctx, `recording ${outcomes.length} poll result(s), leasing ${ids.length}`, async (tx) => {
      await finishRows(tx, owner, outcomes);
      return leaseRows(tx, ids, owner, now, expiresAt);
    });
  }

  async release(ids: readonly number[], owner: string): Promise<void> {
    if (ids.length === 0) return;
    await writeTransaction(this.ctx, `releasing ${ids.length} poll lease(s)`, async (tx) => {
      for (const part of chunks(ids, 500)) {
        await tx.updateTable('poll_records').set({ lease_owner: null, lease_expires_at: null }).where('id', 'in', part).where('lease_owner', '=', owner).execute();
      }
    });
  }

  async failHost(host: string, until: Date, error: string): Promise<void> {
    const values = { failed_until: until.getTime(), last_error: error, updated_at: Date.now() };
    await writeTransaction(this.ctx, `delaying host ${host}`, (tx) =>
      tx.insertInto('poll_hosts').values({ host: host.toLowerCase(), ...values }).onConflict((oc) => oc.column('host').doUpdateSet(values)).execute());
  }

  async failedHosts(now: Date): Promise<PollHostState[]> {
    try {
      const rows = await this.ctx.db.selectFrom('poll_hosts').selectAll().where('failed_until', '>', now.getTime()).orderBy('host').execute();
      return rows.map((row) => ({ host: row.host, failedUntil: new Date(Number(row.failed_until)), lastError: row.last_error }));
    } catch (error) {
      throw translateError(this.ctx, error, 'reading delayed hosts');
    }
  }
}
