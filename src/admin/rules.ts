// An account's delivery rules (Sieve, RFC 5228 subset): checked before they are stored, so a mistake is
// refused at upload with the line and column where it is — never discovered when mail arrives.
import { compileSieve, SieveError } from '../sieve/index.ts';
import type { Store } from '../store/store.ts';
import { AdminError } from './errors.ts';
import { requireAccount } from './lookup.ts';

/** Refuses a script that does not compile; `origin` names it in the message (a file name). */
export function checkRules(script: string, origin: string): void {
  try {
    compileSieve(script);
  } catch (error) {
    if (error instanceof SieveError) throw new AdminError('invalid', `${origin}: ${error.message}`);
    throw error;
  }
}

export async function setRules(store: Store, address: string, script: string, origin: string): Promise<string> {
  const account = await requireAccount(store, address);
  checkRules(script, origin);
  await store.rules.set(account.id, script);
  return account.address;
}

export async function getRules(store: Store, address: string): Promise<{ account: string; script: string | null; updatedAt: Date | null }> {
  const account = await requireAccount(store, address);
  const rules = await store.rules.get(account.id);
  return { account: account.address, script: rules?.script ?? null, updatedAt: rules?.updatedAt ?? null };
}

export async function removeRules(store: Store, address: string): Promise<string> {
  const account = await requireAccount(store, address);
  if (!(await store.rules.remove(account.id))) throw new AdminError('not_found', `${account.address} has no delivery rules`);
  return account.address;
}
