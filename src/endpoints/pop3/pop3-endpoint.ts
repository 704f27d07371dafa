// pop3:// and pop3s:// — a source only: one folder (INBOX), identities are the UIDL values (RFC 1939 §7),
// stable across sessions; bodies come byte-exact by pipelined RETR (RFC 2449). POP3 has no flags, no dates
// and no folders.
import { Pop3Client } from '../../pop3/client/client.ts';
import { Pop3Error } from '../../pop3/client/errors.ts';
import type {
  Endpoint, EndpointCapabilities, EndpointSession, FolderHandle, FolderInfo, FolderStatus, MessageIdentity, NamespaceLayout,
  ReadMessage, SourceRemoval,
} from '../endpoint.ts';
import type { RemoteSpec } from '../parse-url.ts';
import type { RemoteOptions } from '../remote-options.ts';

const INBOX = 'INBOX';

class Pop3Folder implements FolderHandle {
  readonly name = INBOX;
  readonly status: FolderStatus;
  private numbers = new Map<string, number>();
  readonly removal: SourceRemoval = { remove: (ids) => this.remove(ids) };

  constructor(private readonly client: Pop3Client, messages: number) {
    this.status = { uidValidity: 0, messages };
  }

  /** RFC 1939 §5 DELE (pipelined when offered): marked now, removed when the session ends with QUIT. */
  private async remove(ids: readonly string[]): Promise<void> {
    const numbers = ids.flatMap((id) => (this.numbers.has(id) ? [this.numbers.get(id)!] : []));
    await Promise.all(numbers.map((message) => this.client.dele(message)));
  }

  async *list(): AsyncIterable<MessageIdentity> {
    const [listing, uids] = await Promise.all([this.client.list(), this.client.uidl()]);
    const sizes = new Map(listing.map((entry) => [entry.message, entry.size]));
    this.numbers = new Map(uids.map((entry) => [entry.uid, entry.message]));
    for (const entry of uids) {
      yield { id: entry.uid, size: sizes.get(entry.message) ?? 0, flags: [], internalDate: null };
    }
  }

  async *read(ids: readonly MessageIdentity[]): AsyncIterable<ReadMessage> {
    const wanted = ids.filter((identity) => this.numbers.has(identity.id));
    const byNumber = new Map(wanted.map((identity) => [this.numbers.get(identity.id)!, identity]));
    for await (const stream of this.client.retrieve(wanted.map((identity) => this.numbers.get(identity.id)!))) {
      yield { identity: byNumber.get(stream.message)!, bytes: stream, discard: () => stream.discard() };
    }
  }
}

class Pop3Session implements EndpointSession {
  readonly capabilities: EndpointCapabilities;

  constructor(private readonly client: Pop3Client) {
    const known = client.capabilitiesKnown;
    this.capabilities = { write: false, flags: false, remove: true, folders: false, extensions: known.pipelining ? ['PIPELINING'] : [] };
  }

  async namespace(): Promise<NamespaceLayout> {
    return { prefix: '', delimiter: null };
  }

  async listFolders(): Promise<FolderInfo[]> {
    return [{ name: INBOX, delimiter: null, specialUse: null, selectable: true }];
  }

  async openFolder(name: string): Promise<FolderHandle> {
    if (name.toUpperCase() !== INBOX) throw new Pop3Error(`POP3 has only INBOX, not "${name}"`, { kind: 'unsupported', temporary: false });
    const { count } = await this.client.stat();
    return new Pop3Folder(this.client, count);
  }

  async close(): Promise<void> {
    // QUIT, not a drop: a POP3 server may hold the maildrop lock until the session ends cleanly
    await this.client.quit().catch(() => this.client.close());
  }
}

export class Pop3Endpoint implements Endpoint {
  readonly kind = 'pop3';
  readonly writable = false;
  readonly maxSessions = 1;
  readonly url: string;

  constructor(private readonly spec: RemoteSpec, private readonly options: RemoteOptions) {
    this.url = spec.url;
  }

  async connect(): Promise<EndpointSession> {
    const { spec, options } = this;
    const secret = await options.credentials.secret();
    const transport = {
      host: spec.host, port: spec.port, logger: options.logger,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    const tls = options.plaintextOnly ? 'none' : spec.tls === 'implicit' ? 'implicit' : 'starttls';
    const client = await Pop3Client.connect({
      ...transport, tls, rejectUnauthorized: !options.insecure, ...(options.ca ? { ca: options.ca } : {}),
    }).catch(async (error: unknown) => {
      if (!(error instanceof Pop3Error && error.command === 'STLS' && options.allowPlaintext)) throw error;
      options.logger.problems({ pop3: `${spec.host}:${spec.port}` }, 'POP3 server offers no STLS: logging in over an UNENCRYPTED connection as allowed by --allow-plaintext');
      return Pop3Client.connect({ ...transport, tls: 'none' });
    });
    try {
      if (secret.kind === 'bearer') await client.login(spec.user, secret.token, { mechanism: 'xoauth2' });
      else await client.login(spec.user, secret.password, { mechanism: options.pop3Mechanism ?? (spec.auth === 'plain' || spec.auth === 'login' ? spec.auth : 'user') });
    } catch (error) {
      client.close();
      throw error;
    }
    return new Pop3Session(client);
  }
}
