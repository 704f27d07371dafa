// The delivery folder (delivery-folder.ts) as an endpoint, so the engine's runTransfer can copy into it: one
// writable folder named like the source's INBOX, nothing to list, no hierarchy to create.
import type { Endpoint, EndpointCapabilities, EndpointSession, FolderHandle, FolderInfo, NamespaceLayout } from '../endpoints/endpoint.ts';
import type { DeliveryFolder } from './delivery-folder.ts';

const CAPABILITIES: EndpointCapabilities = { write: true, flags: false, remove: false, folders: false, extensions: [] };

export class DeliveryEndpoint implements Endpoint {
  readonly kind = 'local';
  readonly url: string;
  readonly writable = true;

  constructor(private readonly folder: DeliveryFolder) {
    this.url = `local-delivery:${folder.name}`;
  }

  async connect(): Promise<EndpointSession> {
    const folder = this.folder;
    return {
      capabilities: CAPABILITIES,
      namespace: async (): Promise<NamespaceLayout> => ({ prefix: '', delimiter: '/' }),
      listFolders: async (): Promise<FolderInfo[]> => [{ name: 'INBOX', delimiter: '/', specialUse: null, selectable: true }],
      openFolder: async (): Promise<FolderHandle> => folder,
      close: async () => {},
    };
  }
}
