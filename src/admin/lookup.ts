// Lookups shared by the admin functions: they throw the error a person can act on when something is missing.
import type { Store } from '../store/store.ts';
import type { Account, Domain } from '../store/types.ts';
import { AdminError } from './errors.ts';
import { normalizeAddress, normalizeDomain } from './names.ts';

export async function requireDomain(store: Store, name: string): Promise<Domain> {
  const normalized = normalizeDomain(name);
  const domain = await store.getDomain(normalized);
  if (!domain) {
    throw new AdminError(
      'not_found',
      `domain ${normalized} does not exist`,
      `add it first: mailferry domain add ${normalized}`,
    );
  }
  return domain;
}

export async function requireAccount(store: Store, address: string): Promise<Account> {
  const normalized = normalizeAddress(address).address;
  const account = await store.getAccount(normalized);
  if (!account) {
    throw new AdminError(
      'not_found',
      `account ${normalized} does not exist`,
      `see the accounts with: mailferry account list`,
    );
  }
  return account;
}
