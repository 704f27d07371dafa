// The typed IMAP client the transfer engine uses. It owns one pipelining connection and delegates each
// command family to a module under commands/. Folder names are Unicode at this API.
import type { Logger } from '../../log/logger.ts';
import type { FlagOperation } from '../../store/types.ts';
import { authenticate, type Credentials } from './auth.ts';
import type { ClientContext, SelectedMailbox } from './client-context.ts';
import { append, type AppendMessage, type AppendOptions, type AppendResult } from './commands/append.ts';
import { move, uidExpunge } from './commands/expunge-move.ts';
import { fetchBodies, fetchMeta, type FetchBodiesOptions, type FetchedMessage, type FetchMetaOptions, type MessageMetaRecord, type UidSelection } from './commands/fetch.ts';
import { storeFlags, type StoreOptions, type StoreResult } from './commands/flags.ts';
import { idle, type IdleOptions, type IdleResult } from './commands/idle.ts';
import * as mailboxes from './commands/mailboxes.ts';
import { uidSearch } from './commands/search.ts';
import { select, type SelectOptions, type SelectResult } from './commands/select.ts';
import { ImapConnection, type TraceHook } from './connection.ts';
import { ImapClientError } from './errors.ts';
import { MailboxNameCodec } from './mailbox-names.ts';
import type { CopyUidResult } from './response-codes.ts';
import type { UntaggedDataResponse, UntaggedResponse } from './responses.ts';
import type { Security } from './transport.ts';
import { readAtomList, readVanished } from './untagged-data.ts';
import { codeNumber } from './response-codes.ts';

export interface ConnectOptions {
  host: string;
  /** default 993 for 'tls', 143 otherwise */
  port?: number;
  /** 'tls' = implicit TLS (imaps), 'starttls' = upgrade or fail, 'none' = plain; default 'tls' */
  security?: Security;
  /** verify the server certificate; default true */
  rejectUnauthorized?: boolean;
  servername?: string;
  ca?: string | Buffer | Array<string | Buffer>;
  localAddress?: string;
  connectTimeoutMs?: number;
  /** no bytes either way this long while a command is pending → temporary error; default 120 s */
  responseTimeoutMs?: number;
  /** message literals above this are spooled to an unlinked temp file; default 1 MiB */
  literalMemoryLimit?: number;
  /** log in right after connecting */
  auth?: Credentials;
  /** permit credentials over an unencrypted connection (tests on loopback, trusted networks) */
  allowPlaintextAuth?: boolean;
  /** protocol trace (credentials masked, literals shown as their size) */
  trace?: TraceHook;
  logger?: Logger;
}

export class ImapClient {
  private readonly context: ClientContext;

  private constructor(readonly connection: ImapConnection, private readonly options: ConnectOptions) {
    this.context = { connection, names: new MailboxNameCodec(), enabled: new Set(), selected: null };
    connection.onUntagged((response) => this.track(response));
  }

  static async connect(options: ConnectOptions): Promise<ImapClient> {
    const security = options.security ?? 'tls';
    const connection = await ImapConnection.open({
      host: options.host,
      port: options.port ?? (security === 'tls' ? 993 : 143),
      implicitTls: security === 'tls',
      staysPlain: security === 'none',
      rejectUnauthorized: options.rejectUnauthorized,
      servername: options.servername,
      ca: options.ca,
      localAddress: options.localAddress,
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      responseTimeoutMs: options.responseTimeoutMs,
      literalMemoryLimit: options.literalMemoryLimit,
      trace: options.trace,
      logger: options.logger,
    });
    const client = new ImapClient(connection, options);
    try {
      await client.refreshCapabilities(false);
      if (security === 'starttls') {
        if (!connection.capabilities.has('STARTTLS')) {
          throw new ImapClientError({ kind: 'unsupported', endpoint: connection.endpoint, command: 'STARTTLS', detail: 'the server does not offer STARTTLS' });
        }
        await connection.startTls();
        await client.refreshCapabilities(true);
      }
      if (options.auth && !connection.preauthenticated) await client.login(options.auth);
    } catch (err) {
      connection.destroy();
      throw err;
    }
    return client;
  }

  get capabilities(): ReadonlySet<string> {
    return this.connection.capabilities;
  }

  get selected(): Readonly<SelectedMailbox> | null {
    return this.context.selected;
  }

  get encrypted(): boolean {
    return this.connection.encrypted;
  }

  async login(credentials: Credentials): Promise<void> {
    await authenticate(this.connection, credentials, { encrypted: this.connection.encrypted, allowPlaintextAuth: this.options.allowPlaintextAuth });
    // RFC 3501 §6.2.3: capabilities may change after login; most servers send them in the tagged OK
    await this.refreshCapabilities(false);
  }

  /** RFC 5161 ENABLE; returns what the server actually enabled. */
  async enable(extensions: readonly string[]): Promise<Set<string>> {
    const enabled = new Set<string>();
    if (!this.capabilities.has('ENABLE')) return enabled;
    const wanted = extensions.filter((extension) => this.capabilities.has(extension.toUpperCase()));
    if (wanted.length === 0) return enabled;
    await this.connection.execute({
      name: 'ENABLE', parts: [`ENABLE ${wanted.join(' ')}`],
      untagged: { ENABLED: (response) => readAtomList((response as UntaggedDataResponse).args).forEach((name) => enabled.add(name.toUpperCase())) },
    });
    for (const name of enabled) this.context.enabled.add(name);
    if (enabled.has('UTF8=ACCEPT')) this.context.names.utf8 = true;
    return enabled;
  }

  namespace() { return mailboxes.namespace(this.context); }
  list(options?: mailboxes.ListOptions) { return mailboxes.list(this.context, options); }
  status(name: string) { return mailboxes.status(this.context, name); }
  create(name: string) { return mailboxes.create(this.context, name); }
  delete(name: string) { return mailboxes.remove(this.context, name); }
  rename(from: string, to: string) { return mailboxes.rename(this.context, from, to); }
  subscribe(name: string) { return mailboxes.subscribe(this.context, name); }
  unsubscribe(name: string) { return mailboxes.unsubscribe(this.context, name); }

  select(name: string, options?: SelectOptions): Promise<SelectResult> {
    return select(this.context, name, options);
  }

  fetchMeta(uids: UidSelection, options?: FetchMetaOptions): AsyncIterable<MessageMetaRecord> {
    return fetchMeta(this.context, uids, options);
  }

  fetchBodies(uids: UidSelection, options?: FetchBodiesOptions): AsyncIterable<FetchedMessage> {
    return fetchBodies(this.context, uids, options);
  }

  append(mailbox: string, messages: readonly AppendMessage[], options?: AppendOptions): Promise<AppendResult[]> {
    return append(this.context, mailbox, messages, options);
  }

  store(uids: readonly number[], operation: FlagOperation, flags: readonly string[], options?: StoreOptions): Promise<StoreResult> {
    return storeFlags(this.context, uids, operation, flags, options);
  }

  uidExpunge(uids: readonly number[]): Promise<void> {
    return uidExpunge(this.context, uids);
  }

  move(uids: readonly number[], destination: string): Promise<CopyUidResult | undefined> {
    return move(this.context, uids, destination);
  }

  uidSearch(criteria: string): Promise<number[]> {
    return uidSearch(this.context, criteria);
  }

  idle(options?: IdleOptions): Promise<IdleResult> {
    return idle(this.context, options);
  }

  async noop(): Promise<void> {
    await this.connection.execute({ name: 'NOOP', parts: ['NOOP'] });
  }

  /** RFC 3501 §6.1.3: says goodbye and closes; never throws for an already-dropped connection. */
  async logout(): Promise<void> {
    if (this.connection.closed) return;
    try {
      await this.connection.execute({ name: 'LOGOUT', parts: ['LOGOUT'] });
    } catch {
      // the server may close before the tagged OK arrives: the goal is reached either way
    } finally {
      this.connection.destroy();
    }
  }

  /** Drops the connection without a goodbye. */
  close(): void {
    this.connection.destroy();
  }

  private async refreshCapabilities(force: boolean): Promise<void> {
    if (!force && this.connection.capabilities.size > 0) return;
    await this.connection.execute({ name: 'CAPABILITY', parts: ['CAPABILITY'] });
  }

  /** Keeps the selected mailbox's figures current from whatever the server reports. */
  private track(response: UntaggedResponse): void {
    const selected = this.context.selected;
    if (!selected) return;
    if (response.kind === 'numeric' && response.type === 'EXISTS') selected.exists = response.number;
    else if (response.kind === 'numeric' && response.type === 'EXPUNGE') selected.exists = Math.max(0, selected.exists - 1);
    else if (response.kind === 'data' && response.type === 'VANISHED') {
      const vanished = readVanished(response);
      if (!vanished.earlier) selected.exists = Math.max(0, selected.exists - vanished.uids.length);
    } else if (response.kind === 'status') {
      const modseq = codeNumber(response.code, 'HIGHESTMODSEQ');
      if (modseq !== undefined) selected.highestModseq = modseq;
    }
  }
}
