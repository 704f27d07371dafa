// The POP3 client: the transfer engine's source endpoint for pop3:// and pop3s:// (and scheduled polling).
// Byte-exact RETR streamed with bounded memory, RFC 2449 PIPELINING for many messages, one error type.
import { log as rootLog, type Logger } from '../../log/logger.ts';
import type { StatusLine } from '../codec/response-reader.ts';
import { authenticate, type Pop3AuthMechanism } from './auth.ts';
import { NO_CAPABILITIES, parseCapabilities, type Pop3Capabilities } from './capabilities.ts';
import { Pop3Connection, type CommandSpec, type TransportOptions } from './connection.ts';
import { Pop3Error, serverError } from './errors.ts';
import { messageStream, trimAddedLineEnding, type Pop3MessageStream } from './message-stream.ts';

export interface Pop3ConnectOptions extends TransportOptions {
  /** protocol trace goes to this logger's low-level; default: the process logger */
  logger?: Logger;
}

export interface Pop3Listing {
  message: number;
  size: number;
}

export interface Pop3UniqueId {
  message: number;
  uid: string;
}

export interface RetrieveOptions {
  /** RETR commands in flight at once when the server offers PIPELINING; default 16 */
  window?: number;
}

async function collect(body: AsyncIterable<Buffer> | null): Promise<string[]> {
  if (!body) return [];
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8').split(/\r?\n/).filter((line) => line.length > 0);
}

function numbersIn(text: string, what: string, where: string): number[] {
  const fields = text.trim().split(/\s+/);
  const numbers = fields.map(Number);
  if (fields.length < 2 || !Number.isSafeInteger(numbers[0]) || !Number.isSafeInteger(numbers[1])) {
    throw new Pop3Error(`${where}: malformed ${what} answer: ${text.slice(0, 80)}`, { kind: 'protocol', temporary: true, command: what });
  }
  return numbers;
}

export class Pop3Client {
  private capabilities: Pop3Capabilities = NO_CAPABILITIES;
  private user: string | null = null;
  /** sizes from the last LIST, used to undo the CRLF a server adds to a message without a final line ending */
  private readonly listedSizes = new Map<number, number>();

  private constructor(
    private readonly connection: Pop3Connection,
    private readonly options: Pop3ConnectOptions,
    /** the server's greeting text (RFC 1939 §4) */
    readonly greeting: string,
  ) {}

  static async connect(options: Pop3ConnectOptions): Promise<Pop3Client> {
    const logger = (options.logger ?? rootLog).child({ pop3: `${options.host}:${options.port}` }) as Logger;
    const connection = await Pop3Connection.open(options, logger);
    try {
      const greeting = await connection.greeting;
      if (greeting.status !== 'ok') throw serverError(greeting, 'greeting', `${options.host}:${options.port}`);
      const client = new Pop3Client(connection, options, greeting.text);
      await client.capa();
      if (options.tls === 'starttls') await client.startTls();
      return client;
    } catch (err) {
      connection.close();
      throw err;
    }
  }

  get host(): string {
    return this.options.host;
  }

  get capabilitiesKnown(): Pop3Capabilities {
    return this.capabilities;
  }

  get secure(): boolean {
    return this.connection.secure;
  }

  private get where(): string {
    return this.user ? `${this.user} at ${this.options.host}:${this.options.port}` : `${this.options.host}:${this.options.port}`;
  }

  private async simple(verb: string, line: string): Promise<StatusLine> {
    const status = await this.connection.send({ verb, line, multiline: false, pipelinable: true }).status;
    if (status.status !== 'ok') throw serverError(status, verb, this.where);
    return status;
  }

  private async lines(spec: Omit<CommandSpec, 'multiline' | 'pipelinable'>): Promise<string[]> {
    const handle = this.connection.send({ ...spec, multiline: true, pipelinable: true });
    const status = await handle.status;
    if (status.status !== 'ok') throw serverError(status, spec.verb, this.where);
    return collect(handle.body);
  }

  /** RFC 2449 §5 CAPA; a server without CAPA answers -ERR, which means RFC 1939 only. */
  async capa(): Promise<Pop3Capabilities> {
    const handle = this.connection.send({ verb: 'CAPA', line: 'CAPA', multiline: true, pipelinable: false });
    const status = await handle.status;
    this.capabilities = status.status === 'ok' ? parseCapabilities(await collect(handle.body)) : NO_CAPABILITIES;
    this.connection.pipelining = this.capabilities.pipelining;
    return this.capabilities;
  }

  /** RFC 2595 §4 STLS, then CAPA again (what was learnt before TLS is forgotten). */
  private async startTls(): Promise<void> {
    if (!this.capabilities.stls) {
      throw new Pop3Error(`${this.where}: STLS not offered; refusing to continue without TLS`, { kind: 'unsupported', temporary: false, command: 'STLS' });
    }
    const status = await this.connection.send({ verb: 'STLS', line: 'STLS', multiline: false, pipelinable: false }).status;
    if (status.status !== 'ok') throw serverError(status, 'STLS', this.where);
    await this.connection.upgradeToTls();
    await this.capa();
  }

  async login(user: string, password: string, options: { mechanism?: Pop3AuthMechanism } = {}): Promise<void> {
    const mechanism = options.mechanism ?? 'user';
    await authenticate(mechanism, { connection: this.connection, host: this.options.host, user, secret: password, greeting: this.greeting });
    this.user = user;
    // RFC 2449 §5: capabilities may differ after login (PIPELINING, EXPIRE, LOGIN-DELAY)
    await this.capa();
  }

  /** RFC 1939 §5 STAT: number of messages and their total size in octets. */
  async stat(): Promise<{ count: number; size: number }> {
    const [count, size] = numbersIn((await this.simple('STAT', 'STAT')).text, 'STAT', this.where);
    return { count, size };
  }

  /** RFC 1939 §5 LIST: every message's size (remembered for retr). */
  async list(): Promise<Pop3Listing[]> {
    const listing = (await this.lines({ verb: 'LIST', line: 'LIST' })).map((line) => {
      const [message, size] = numbersIn(line, 'LIST', this.where);
      return { message, size };
    });
    this.listedSizes.clear();
    for (const entry of listing) this.listedSizes.set(entry.message, entry.size);
    return listing;
  }

  async listOne(message: number): Promise<Pop3Listing> {
    const [n, size] = numbersIn((await this.simple('LIST', `LIST ${message}`)).text, 'LIST', this.where);
    this.listedSizes.set(n, size);
    return { message: n, size };
  }

  /** RFC 1939 §7 UIDL: every message's unique id. */
  async uidl(): Promise<Pop3UniqueId[]> {
    return (await this.lines({ verb: 'UIDL', line: 'UIDL' })).map((line) => {
      const [number, uid] = line.trim().split(/\s+/);
      if (!/^[0-9]+$/.test(number ?? '') || !uid) throw new Pop3Error(`${this.where}: malformed UIDL line: ${line.slice(0, 80)}`, { kind: 'protocol', temporary: true, command: 'UIDL' });
      return { message: Number(number), uid };
    });
  }

  async uidlOne(message: number): Promise<Pop3UniqueId> {
    const [number, uid] = (await this.simple('UIDL', `UIDL ${message}`)).text.trim().split(/\s+/);
    if (!uid) throw new Pop3Error(`${this.where}: malformed UIDL answer`, { kind: 'protocol', temporary: true, command: 'UIDL' });
    return { message: Number(number), uid };
  }

  /**
   * RFC 1939 §5 RETR, sent at once (pipelined when offered). The bytes are the message as the server holds it:
   * dot-stuffing undone, and the CRLF a server adds to a message without a final line ending removed when its
   * size is known from LIST. Read each returned stream to its end, in order, or discard() it.
   */
  retr(message: number): Pop3MessageStream {
    return this.multilineStream('RETR', `RETR ${message}`, message, this.listedSizes.get(message));
  }

  /** RFC 1939 §7 TOP: the header and the first `lines` body lines. */
  top(message: number, lines: number): Pop3MessageStream {
    return this.multilineStream('TOP', `TOP ${message} ${lines}`, message, undefined);
  }

  private multilineStream(verb: string, line: string, message: number, listedSize: number | undefined): Pop3MessageStream {
    const handle = this.connection.send({ verb, line, multiline: true, pipelinable: true });
    const where = this.where;
    async function* read(): AsyncGenerator<Buffer> {
      const status = await handle.status;
      if (status.status !== 'ok') throw serverError(status, `${verb} ${message}`, where);
      yield* trimAddedLineEnding(handle.body!, listedSize);
    }
    return messageStream(message, read, handle.body);
  }

  /**
   * Retrieves many messages in order, keeping up to `window` RETRs in flight (RFC 2449 PIPELINING). Each yielded
   * body must be read before asking for the next; an unread remainder is discarded.
   */
  async *retrieve(messages: Iterable<number>, options: RetrieveOptions = {}): AsyncGenerator<Pop3MessageStream> {
    const window = this.capabilities.pipelining ? Math.max(1, options.window ?? 16) : 1;
    const ahead: Pop3MessageStream[] = [];
    const iterator = messages[Symbol.iterator]();
    let exhausted = false;
    const fill = () => {
      while (!exhausted && ahead.length < window) {
        const next = iterator.next();
        if (next.done) exhausted = true;
        else ahead.push(this.retr(next.value));
      }
    };
    fill();
    try {
      while (ahead.length > 0) {
        const current = ahead[0];
        try {
          yield current;
        } finally {
          current.discard();
        }
        ahead.shift();
        fill();
      }
    } finally {
      for (const pending of ahead) pending.discard();
    }
  }

  /** RFC 1939 §5 DELE: marked now, removed when QUIT ends the session. */
  async dele(message: number): Promise<void> {
    await this.simple('DELE', `DELE ${message}`);
  }

  async rset(): Promise<void> {
    await this.simple('RSET', 'RSET');
  }

  async noop(): Promise<void> {
    await this.simple('NOOP', 'NOOP');
  }

  /** RFC 1939 §6 QUIT: the server applies the deletions (UPDATE state); -ERR means some were not. */
  async quit(): Promise<void> {
    try {
      const status = await this.connection.send({ verb: 'QUIT', line: 'QUIT', multiline: false, pipelinable: false }).status;
      if (status.status !== 'ok') throw serverError(status, 'QUIT', this.where);
    } finally {
      this.connection.close();
    }
  }

  /** Drops the connection without QUIT: nothing marked with DELE is deleted (RFC 1939 §6). */
  close(): void {
    this.connection.close();
  }
}
