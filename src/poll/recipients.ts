// Local recipients of a catch-all message: each named address that is a local account or an alias of local
// accounts (followed by the store); outside addresses and unknown names are not ours. Answers are cached for
// the poll, since a catch-all names the same few people over and over.
import type { Store } from '../store/store.ts';
import type { Account } from '../store/types.ts';

export class RecipientResolver {
  private readonly cache = new Map<string, Promise<Account[]>>();

  constructor(private readonly store: Store) {}

  private lookup(address: string): Promise<Account[]> {
    let found = this.cache.get(address);
    if (!found) {
      found = this.store.resolveRecipient(address).then((accounts) => accounts.filter((account) => !account.disabled)).catch(() => []);
      this.cache.set(address, found);
    }
    return found;
  }

  /** the local accounts these addresses reach, each once, in the order named */
  async resolve(addresses: readonly string[]): Promise<Account[]> {
    const accounts = new Map<number, Account>();
    for (const address of addresses) for (const account of await this.lookup(address)) accounts.set(account.id, account);
    return [...accounts.values()];
  }
}
