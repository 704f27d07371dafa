// mbox:/file or mbox:/dir/ — a source only (the `export` command writes mbox): one mbox file is INBOX, a
// directory holds one file per folder. Identities are the reader's keys (offset and digest of the From line),
// stable while the file is only appended to; flags come from the Status/X-Status/X-Keywords headers.
import { MboxSource } from '../../formats/mbox/reader.ts';
import type { MailItem } from '../../formats/types.ts';
import type {
  Endpoint, EndpointCapabilities, EndpointSession, FolderHandle, FolderInfo, FolderStatus, MessageIdentity, NamespaceLayout,
  ReadMessage,
} from '../endpoint.ts';

async function sizeOf(item: MailItem): Promise<number> {
  let size = 0;
  for await (const chunk of item.open()) size += chunk.length;
  return size;
}

class MboxFolder implements FolderHandle {
  readonly status: FolderStatus = { uidValidity: 0 };
  private items = new Map<string, MailItem>();

  constructor(readonly name: string, private readonly source: MboxSource) {}

  async *list(): AsyncIterable<MessageIdentity> {
    this.items.clear();
    for await (const item of this.source) {
      if (item.folder !== this.name) continue;
      this.items.set(item.key, item);
      yield { id: item.key, size: item.size ?? (await sizeOf(item)), flags: item.flags, internalDate: item.internalDate };
    }
  }

  async *read(ids: readonly MessageIdentity[]): AsyncIterable<ReadMessage> {
    if (ids.some((identity) => !this.items.has(identity.id))) for await (const _ of this.list()) { /* refresh the keys */ }
    for (const identity of ids) {
      const item = this.items.get(identity.id);
      if (!item) continue;
      yield { identity, bytes: item.open(), reopen: () => item.open(), discard: () => {} };
    }
  }
}

class MboxSession implements EndpointSession {
  readonly capabilities: EndpointCapabilities = { write: false, flags: false, remove: false, folders: true, extensions: [] };

  constructor(private readonly source: MboxSource) {}

  async namespace(): Promise<NamespaceLayout> {
    return { prefix: '', delimiter: '/' };
  }

  async listFolders(): Promise<FolderInfo[]> {
    return (await this.source.files()).map((file) => ({ name: file.folder, delimiter: '/', specialUse: null, selectable: true }));
  }

  async openFolder(name: string): Promise<FolderHandle> {
    return new MboxFolder(name, this.source);
  }

  async close(): Promise<void> {}
}

export class MboxEndpoint implements Endpoint {
  readonly kind = 'mbox';
  readonly writable = false;
  readonly url: string;

  constructor(private readonly path: string, private readonly directory: boolean, url: string) {
    this.url = url;
  }

  async connect(): Promise<EndpointSession> {
    return new MboxSession(new MboxSource(this.path, { directory: this.directory }));
  }
}
