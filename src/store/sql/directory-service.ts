// Domains, accounts and aliases: who the local mail host serves.
import { StoreError } from '../errors.ts';
import { domainOf, normalizeAddress, normalizeAliasSource, normalizeDomain } from '../names.ts';
import { burnVerifyTime, hashPassword, verifyPasswordHash } from '../passwords.ts';
import type { Account, Alias, Domain, SpecialUse } from '../types.ts';
import { writeTransaction, type StoreContext } from './context.ts';
import type { Db } from './db-types.ts';
import { orphanBlobsOfFolders } from './blob-gc.ts';
import { insertFolders } from './folder-repo.ts';
import { toAccount, toAlias, toDomain } from './rows.ts';

/** Every account starts with these (RFC 6154 special-use attributes). */
export const STANDARD_FOLDERS: ReadonlyArray<{ name: string; specialUse: SpecialUse | null }> = [
  { name: 'INBOX', specialUse: null },
  { name: 'Sent', specialUse: '\\Sent' },
  { name: 'Drafts', specialUse: '\\Drafts' },
  { name: 'Trash', specialUse: '\\Trash' },
  { name: 'Junk', specialUse: '\\Junk' },
  { name: 'Archive', specialUse: '\\Archive' },
];

export class DirectoryService {
  constructor(private readonly ctx: StoreContext) {}

  async addDomain(name: string): Promise<Domain> {
    const domain = normalizeDomain(name);
    return writeTransaction(this.ctx, `adding domain ${domain}`, async (tx) => {
      if (await findDomainRow(tx, domain)) throw new StoreError('exists', `domain ${domain} already exists`);
      const row = await tx.insertInto('domains').values({ name: domain, created_at: Date.now() })
        .returningAll().executeTakeFirstOrThrow();
      return toDomain(row);
    });
  }

  async getDomain(name: string): Promise<Domain | undefined> {
    const row = await findDomainRow(this.ctx.db, normalizeDomain(name));
    return row && toDomain(row);
  }

  async listDomains(): Promise<Domain[]> {
    const rows = await this.ctx.db.selectFrom('domains').selectAll().orderBy('name').execute();
    return rows.map(toDomain);
  }

  async removeDomain(name: string): Promise<void> {
    const domain = normalizeDomain(name);
    await writeTransaction(this.ctx, `removing domain ${domain}`, async (tx) => {
      const row = await findDomainRow(tx, domain);
      if (!row) throw new StoreError('not-found', `domain ${domain} does not exist`);
      const users = await tx.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('domain_id', '=', row.id).executeTakeFirstOrThrow();
      const aliases = await tx.selectFrom('aliases').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('domain_id', '=', row.id).executeTakeFirstOrThrow();
      if (Number(users.n) > 0 || Number(aliases.n) > 0) {
        throw new StoreError('not-empty', `domain ${domain} still has ${users.n} account(s) and ${aliases.n} alias(es)`);
      }
      await tx.deleteFrom('domains').where('id', '=', row.id).execute();
    });
  }

  async addAccount(address: string, password: string): Promise<Account> {
    const normalized = normalizeAddress(address);
    const passwordHash = await hashPassword(password, this.ctx.scryptCost);
    return writeTransaction(this.ctx, `adding account ${normalized}`, async (tx) => {
      const domain = await findDomainRow(tx, domainOf(normalized));
      if (!domain) throw new StoreError('not-found', `cannot add account ${normalized}: domain ${domainOf(normalized)} does not exist`);
      if (await findAccountRow(tx, normalized)) throw new StoreError('exists', `account ${normalized} already exists`);
      const row = await tx.insertInto('accounts').values({
        address: normalized, domain_id: domain.id, password_hash: passwordHash, created_at: Date.now(), disabled: 0,
      }).returningAll().executeTakeFirstOrThrow();
      await insertFolders(tx, row.id, STANDARD_FOLDERS.map((f) => ({ ...f, subscribed: true })));
      return toAccount(row);
    });
  }

  async getAccount(address: string): Promise<Account | undefined> {
    const row = await findAccountRow(this.ctx.db, normalizeAddress(address));
    return row && toAccount(row);
  }

  async getAccountById(id: number): Promise<Account | undefined> {
    const row = await this.ctx.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  async listAccounts(domain?: string): Promise<Account[]> {
    let query = this.ctx.db.selectFrom('accounts').selectAll('accounts').orderBy('accounts.address');
    if (domain !== undefined) {
      query = query.innerJoin('domains', 'domains.id', 'accounts.domain_id').where('domains.name', '=', normalizeDomain(domain));
    }
    return (await query.execute()).map(toAccount);
  }

  async setPassword(address: string, password: string): Promise<void> {
    const normalized = normalizeAddress(address);
    const passwordHash = await hashPassword(password, this.ctx.scryptCost);
    const result = await this.ctx.db.updateTable('accounts').set({ password_hash: passwordHash })
      .where('address', '=', normalized).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new StoreError('not-found', `account ${normalized} does not exist`);
  }

  async verifyPassword(address: string, password: string): Promise<Account | undefined> {
    let normalized: string;
    try {
      normalized = normalizeAddress(address);
    } catch {
      await burnVerifyTime(password, this.ctx.scryptCost);
      return undefined;
    }
    const row = await findAccountRow(this.ctx.db, normalized);
    if (!row) {
      await burnVerifyTime(password, this.ctx.scryptCost);
      return undefined;
    }
    const ok = await verifyPasswordHash(password, row.password_hash);
    return ok && row.disabled === 0 ? toAccount(row) : undefined;
  }

  async removeAccount(address: string): Promise<void> {
    const normalized = normalizeAddress(address);
    await writeTransaction(this.ctx, `removing account ${normalized}`, async (tx) => {
      const row = await findAccountRow(tx, normalized);
      if (!row) throw new StoreError('not-found', `account ${normalized} does not exist`);
      const folderIds = (await tx.selectFrom('folders').select('id').where('account_id', '=', row.id).execute()).map((r) => r.id);
      await orphanBlobsOfFolders(tx, folderIds);
      // folders and their messages go by ON DELETE CASCADE
      await tx.deleteFrom('accounts').where('id', '=', row.id).execute();
    });
  }

  async addAlias(source: string, target: string): Promise<Alias> {
    const from = normalizeAliasSource(source);
    const to = normalizeAddress(target);
    return writeTransaction(this.ctx, `adding alias ${from} → ${to}`, async (tx) => {
      const domain = await findDomainRow(tx, domainOf(from));
      if (!domain) throw new StoreError('not-found', `cannot add alias ${from}: domain ${domainOf(from)} does not exist`);
      const existing = await tx.selectFrom('aliases').select('id').where('source', '=', from).where('target', '=', to).executeTakeFirst();
      if (existing) throw new StoreError('exists', `alias ${from} → ${to} already exists`);
      const row = await tx.insertInto('aliases').values({ source: from, target: to, domain_id: domain.id, created_at: Date.now() })
        .returning(['id', 'source', 'target']).executeTakeFirstOrThrow();
      return toAlias(row);
    });
  }

  async listAliases(domain?: string): Promise<Alias[]> {
    let query = this.ctx.db.selectFrom('aliases').select(['aliases.id', 'aliases.source', 'aliases.target'])
      .orderBy('aliases.source').orderBy('aliases.target');
    if (domain !== undefined) {
      query = query.innerJoin('domains', 'domains.id', 'aliases.domain_id').where('domains.name', '=', normalizeDomain(domain));
    }
    return (await query.execute()).map(toAlias);
  }

  async removeAlias(source: string, target?: string): Promise<void> {
    const from = normalizeAliasSource(source);
    let query = this.ctx.db.deleteFrom('aliases').where('source', '=', from);
    if (target !== undefined) query = query.where('target', '=', normalizeAddress(target));
    const result = await query.executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new StoreError('not-found', `alias ${from}${target === undefined ? '' : ` → ${target}`} does not exist`);
    }
  }

  /**
   * Local accounts an address delivers to: the account of that address, plus the local targets of its aliases
   * (one level); when neither exists, the domain catch-all alias "@domain".
   */
  async resolveRecipient(address: string): Promise<Account[]> {
    let normalized: string;
    try {
      normalized = normalizeAddress(address);
    } catch {
      return [];
    }
    const db = this.ctx.db;
    const targets = new Set<string>();
    if (await findAccountRow(db, normalized)) targets.add(normalized);
    const aliasTargets = async (source: string) =>
      (await db.selectFrom('aliases').select('target').where('source', '=', source).execute()).map((r) => r.target);
    for (const target of await aliasTargets(normalized)) targets.add(target);
    if (targets.size === 0) for (const target of await aliasTargets(`@${domainOf(normalized)}`)) targets.add(target);
    if (targets.size === 0) return [];
    const rows = await db.selectFrom('accounts').selectAll().where('address', 'in', [...targets])
      .where('disabled', '=', 0).orderBy('address').execute();
    return rows.map(toAccount);
  }
}

function findDomainRow(db: Db, name: string) {
  return db.selectFrom('domains').selectAll().where('name', '=', name).executeTakeFirst();
}

function findAccountRow(db: Db, address: string) {
  return db.selectFrom('accounts').selectAll().where('address', '=', address).executeTakeFirst();
}
