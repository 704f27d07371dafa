// Folder ids for delivery targets, made when a rule (or --mailbox) names a folder the account does not have
// yet. A name the store refuses goes to INBOX instead, reported once: mail is never lost to a typo in a rule.
import type { Logger } from '../log/logger.ts';
import { isStoreError } from '../store/errors.ts';
import type { Store } from '../store/store.ts';
import type { Account } from '../store/types.ts';

export class TargetFolders {
  private readonly ids = new Map<string, Promise<number>>();

  constructor(private readonly store: Store, private readonly logger: Logger) {}

  folderId(account: Account, name: string): Promise<number> {
    const key = `${account.id}\u0000${name}`;
    let id = this.ids.get(key);
    if (!id) {
      id = this.resolve(account, name);
      this.ids.set(key, id);
      id.catch(() => this.ids.delete(key));
    }
    return id;
  }

  private async resolve(account: Account, name: string): Promise<number> {
    const existing = await this.store.getFolder(account.id, name);
    if (existing) return existing.id;
    try {
      return (await this.store.createFolder(account.id, name)).id;
    } catch (error) {
      if (isStoreError(error, 'exists')) return (await this.store.getFolder(account.id, name))!.id;
      if (!isStoreError(error, 'invalid') || name === 'INBOX') throw error;
      this.logger.problems({ account: account.address, folder: name }, `cannot create folder "${name}" for ${account.address} (${(error as Error).message}): delivering to INBOX`);
      return this.folderId(account, 'INBOX');
    }
  }
}
