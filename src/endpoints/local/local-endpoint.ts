// local:user@domain — an account of mailferry's own store. Folder names are the store's: Unicode, '/' as the
// hierarchy separator. Deliveries go through the store's ingest path (blob durable, then one transaction for
// the rows and their ledger entries), so for this destination the ledger is exact by construction.
import type { Store } from '../../store/store.ts';
import type { Account, SpecialUse } from '../../store/types.ts';
import { isStoreError } from '../../store/errors.ts';
import { HIERARCHY_SEPARATOR } from '../../store/types.ts';
import type { Endpoint, EndpointCapabilities, EndpointSession, FolderHandle, FolderInfo, NamespaceLayout, OpenOptions } from '../endpoint.ts';
import { LocalFolder } from './local-folder.ts';

export class LocalEndpointError extends Error {
  override name = 'LocalEndpointError';
}

class LocalSession implements EndpointSession {
  readonly capabilities: EndpointCapabilities = { write: true, flags: true, remove: true, folders: true, extensions: ['CONDSTORE', 'UIDPLUS'] };

  constructor(private readonly store: Store, private readonly account: Account) {}

  async namespace(): Promise<NamespaceLayout> {
    return { prefix: '', delimiter: HIERARCHY_SEPARATOR, forbidden: '%*' };
  }

  async listFolders(): Promise<FolderInfo[]> {
    return (await this.store.listFolders(this.account.id)).map((folder) => ({
      name: folder.name, delimiter: HIERARCHY_SEPARATOR, specialUse: folder.specialUse, selectable: true,
    }));
  }

  async createFolder(name: string, specialUse: SpecialUse | null): Promise<void> {
    try {
      await this.store.createFolder(this.account.id, name, specialUse ? { specialUse } : {});
    } catch (error) {
      if (!isStoreError(error, 'exists')) throw error;
    }
  }

  async openFolder(name: string, options: OpenOptions): Promise<FolderHandle> {
    const folder = await this.store.getFolder(this.account.id, name);
    if (!folder) throw new LocalEndpointError(`local:${this.account.address}: no folder "${name}"`);
    return new LocalFolder(this.store, folder, options.write);
  }

  async close(): Promise<void> {}
}

export class LocalEndpoint implements Endpoint {
  readonly kind = 'local';
  readonly writable = true;
  readonly url: string;

  constructor(private readonly store: Store, private readonly address: string) {
    this.url = `local:${address}`;
  }

  async connect(): Promise<EndpointSession> {
    const account = await this.store.getAccount(this.address);
    if (!account) throw new LocalEndpointError(`local:${this.address}: no such account in this data directory`);
    return new LocalSession(this.store, account);
  }
}
