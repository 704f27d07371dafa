// imap:// and imaps:// endpoints. A session is one connection with at most one folder selected (EXAMINE for
// reading only, SELECT when writing), so the engine opens one session per parallel worker.
import type { ImapClient } from '../../imap/client/client.ts';
import { ImapClientError } from '../../imap/client/errors.ts';
import type { SpecialUse } from '../../store/types.ts';
import type { Endpoint, EndpointCapabilities, EndpointSession, FolderHandle, FolderInfo, NamespaceLayout, OpenOptions } from '../endpoint.ts';
import type { RemoteSpec } from '../parse-url.ts';
import type { RemoteOptions } from '../remote-options.ts';
import { connectImap } from './connect.ts';
import { ImapFolder } from './imap-folder.ts';

const REPORTED_EXTENSIONS = ['CONDSTORE', 'QRESYNC', 'MOVE', 'UIDPLUS', 'MULTIAPPEND', 'LITERAL+', 'BINARY', 'SPECIAL-USE', 'NAMESPACE'];
const SPECIAL_USES = new Set<string>(['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Junk', '\\Sent', '\\Trash']);

function specialUseOf(attribute: string | null): SpecialUse | null {
  if (attribute === null) return null;
  const normal = `\\${attribute.slice(1, 2).toUpperCase()}${attribute.slice(2).toLowerCase()}`;
  return SPECIAL_USES.has(normal) ? (normal as SpecialUse) : null;
}

class ImapSession implements EndpointSession {
  readonly capabilities: EndpointCapabilities;

  constructor(private readonly client: ImapClient) {
    const offered = client.capabilities;
    this.capabilities = {
      write: true, flags: true, remove: offered.has('UIDPLUS'), folders: true,
      extensions: REPORTED_EXTENSIONS.filter((name) => offered.has(name)),
    };
  }

  async namespace(): Promise<NamespaceLayout> {
    const namespaces = await this.client.namespace();
    const personal = namespaces.personal[0];
    if (personal && personal.delimiter !== null) return { prefix: personal.prefix, delimiter: personal.delimiter, forbidden: '%*' };
    const [root] = await this.client.list({ pattern: '' }).catch(() => []);
    return { prefix: personal?.prefix ?? '', delimiter: root?.delimiter ?? personal?.delimiter ?? null, forbidden: '%*' };
  }

  async listFolders(): Promise<FolderInfo[]> {
    const entries = await this.client.list();
    return entries.map((entry) => ({
      name: entry.name, delimiter: entry.delimiter, specialUse: specialUseOf(entry.specialUse), selectable: entry.selectable,
    }));
  }

  async createFolder(name: string): Promise<void> {
    try {
      await this.client.create(name);
    } catch (error) {
      // RFC 5530 ALREADYEXISTS: another worker (or an earlier run) made it first
      if (!(error instanceof ImapClientError && error.responseCode === 'ALREADYEXISTS')) throw error;
    }
    await this.client.subscribe(name).catch(() => undefined);
  }

  async openFolder(name: string, options: OpenOptions): Promise<FolderHandle> {
    if (options.deliverOnly && options.write) return new ImapFolder(this.client, name, { status: await this.client.status(name) }, true);
    const selected = await this.client.select(name, { readOnly: !options.write, condstore: this.client.capabilities.has('CONDSTORE') });
    return new ImapFolder(this.client, name, { select: selected }, options.write);
  }

  async close(): Promise<void> {
    await this.client.logout();
  }
}

export class ImapEndpoint implements Endpoint {
  readonly kind = 'imap';
  readonly writable = true;
  readonly url: string;

  constructor(private readonly spec: RemoteSpec, private readonly options: RemoteOptions) {
    this.url = spec.url;
  }

  async connect(): Promise<EndpointSession> {
    return new ImapSession(await connectImap(this.spec, this.options));
  }
}
