// Domains: the mail domains this host receives for. Called by the CLI and (later) the REST API.
import type { Store } from '../store/store.ts';
import type { Domain } from '../store/types.ts';
import { AdminError } from './errors.ts';
import { normalizeDomain } from './names.ts';
import { requireDomain } from './lookup.ts';

export interface DomainInfo {
  name: string;
  accounts: number;
  aliases: number;
  createdAt: Date;
}

export async function addDomain(store: Store, name: string): Promise<Domain> {
  const normalized = normalizeDomain(name);
  if (await store.getDomain(normalized)) throw new AdminError('exists', `domain ${normalized} already exists`);
  return store.addDomain(normalized);
}

export async function listDomains(store: Store): Promise<DomainInfo[]> {
  const domains = await store.listDomains();
  const infos: DomainInfo[] = [];
  for (const domain of domains) {
    const [accounts, aliases] = await Promise.all([store.listAccounts(domain.name), store.listAliases(domain.name)]);
    infos.push({ name: domain.name, accounts: accounts.length, aliases: aliases.length, createdAt: domain.createdAt });
  }
  return infos.sort((a, b) => a.name.localeCompare(b.name));
}

const counted = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** Refuses while accounts or aliases remain: removing a domain never removes mail. Returns the name removed. */
export async function removeDomain(store: Store, name: string): Promise<string> {
  const domain = await requireDomain(store, name);
  const [accounts, aliases] = await Promise.all([store.listAccounts(domain.name), store.listAliases(domain.name)]);
  if (accounts.length > 0 || aliases.length > 0) {
    const what = [
      accounts.length > 0 ? counted(accounts.length, 'account', 'accounts') : '',
      aliases.length > 0 ? counted(aliases.length, 'alias', 'aliases') : '',
    ].filter(Boolean);
    throw new AdminError(
      'conflict',
      `domain ${domain.name} still has ${what.join(' and ')}`,
      `remove them first: mailferry account list ${domain.name}; mailferry alias list ${domain.name}`,
    );
  }
  await store.removeDomain(domain.name);
  return domain.name;
}
