// Accounts: local mailboxes with a password. Passwords come in as arguments and are never logged or returned.
import type { Store } from '../store/store.ts';
import type { Account } from '../store/types.ts';
import { AdminError } from './errors.ts';
import { checkPassword, normalizeAddress } from './names.ts';
import { requireAccount, requireDomain } from './lookup.ts';

export interface AccountInfo {
  address: string;
  disabled: boolean;
  createdAt: Date;
}

const infoOf = (account: Account): AccountInfo => ({
  address: account.address,
  disabled: account.disabled,
  createdAt: account.createdAt,
});

/**
 * Checks that the account can be added (valid address, known domain, not taken) and returns the normal form;
 * lets a caller ask for the password only when it will be used.
 */
export async function checkNewAccount(store: Store, address: string): Promise<string> {
  const { address: normalized, domain } = normalizeAddress(address);
  await requireDomain(store, domain);
  if (await store.getAccount(normalized)) throw new AdminError('exists', `account ${normalized} already exists`);
  return normalized;
}

/** Creates the account with INBOX and the standard special-use folders (the store does that). */
export async function addAccount(store: Store, address: string, password: string): Promise<AccountInfo> {
  const normalized = await checkNewAccount(store, address);
  checkPassword(password);
  return infoOf(await store.addAccount(normalized, password));
}

/** The account's normal address when it exists (same reason as checkNewAccount). */
export async function checkExistingAccount(store: Store, address: string): Promise<string> {
  return (await requireAccount(store, address)).address;
}

export async function listAccounts(store: Store, domain?: string): Promise<AccountInfo[]> {
  const domainName = domain === undefined ? undefined : (await requireDomain(store, domain)).name;
  const accounts = await store.listAccounts(domainName);
  return accounts.map(infoOf).sort((a, b) => a.address.localeCompare(b.address));
}

/** Removes the account and all its folders and messages. Returns the address removed. */
export async function removeAccount(store: Store, address: string): Promise<string> {
  const account = await requireAccount(store, address);
  await store.removeAccount(account.address);
  return account.address;
}

export async function changePassword(store: Store, address: string, password: string): Promise<string> {
  const account = await requireAccount(store, address);
  checkPassword(password);
  await store.setPassword(account.address, password);
  return account.address;
}
