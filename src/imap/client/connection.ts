// One IMAP connection: the socket, tag allocation and a command queue that PIPELINES (RFC 3501 §5.5):
// commands are written as soon as they are queued, many in flight at once, each completion routed to its
// command by tag. Untagged responses go to the oldest in-flight command that asked for that kind, and to
// listeners. Literals are non-synchronising when the server offers LITERAL+/LITERAL- (RFC 7888), else the
// writer waits for the server's "+" (RFC 3501 §7.5). A dropped connection fails everything pending with a
// temporary error.
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { Logger } from '../../log/logger.ts';
import type { CommandSpec, TraceDirection, TraceHook } from './command-spec.ts';
import { writeCommand, type WriterHost } from './command-writer.ts';
import { ImapClientError, ImapSyntaxError, type ImapEndpoint } from './errors.ts';
import { spoolingLiteralSinkFactory } from './literal-spool.ts';
import { ResponseParser } from './response-parser.ts';
import type { ImapResponse, TaggedResponse, UntaggedResponse } from './responses.ts';
import { openSocket, upgradeToTls, type TransportOptions } from './transport.ts';
import { untaggedKey, updateCapabilities } from './untagged-routing.ts';

export type { CommandSpec, TraceDirection, TraceHook, UntaggedHandlers } from './command-spec.ts';

export interface ConnectionOptions extends TransportOptions {
  /** implicit TLS from the first byte (imaps) */
  implicitTls: boolean;
  /** no bytes either way for this long while a command is pending → fail (default 120 s) */
  responseTimeoutMs?: number;
  /** the connection stays plain (no STARTTLS): socket reads may reuse one buffer */
  staysPlain?: boolean;
  /** literals above this many bytes are spooled to a temporary file (default 1 MiB) */
  literalMemoryLimit?: number;
  trace?: TraceHook;
  logger?: Logger;
}

interface PendingCommand {
  tag: string;
  spec: CommandSpec;
  resolve(response: TaggedResponse): void;
  reject(error: Error): void;
  /** set when a handler threw or the literal source failed: the command rejects with it */
  failure?: Error;
}

let connectionCounter = 0;

/** Size of the one buffer a connection sends file-backed literals through. */
const LITERAL_BUFFER_BYTES = 256 * 1024;

export class ImapConnection {
  readonly endpoint: ImapEndpoint;
  readonly id = ++connectionCounter;
  capabilities = new Set<string>();
  greeting: UntaggedResponse | null = null;
  private socket!: Socket;
  private readonly parser: ResponseParser;
  private tagCounter = 0;
  private readonly queue: PendingCommand[] = [];
  private readonly inFlight: PendingCommand[] = [];
  private pumping = false;
  private continuationWaiter: { command: PendingCommand; resolve(proceed: boolean): void } | null = null;
  private readonly listeners = new Set<(response: UntaggedResponse) => void>();
  private readonly closeListeners = new Set<(error: ImapClientError) => void>();
  private closedError: ImapClientError | null = null;
  private bye: string | null = null;
  private greetingWaiter: { resolve(): void; reject(error: Error): void } | null = null;
  private readPaused = false;
  private literalBuffer?: Buffer;
  private finished = false;

  private constructor(private readonly options: ConnectionOptions) {
    this.endpoint = { host: options.host, port: options.port };
    const trace = this.traceEnabled() ? (text: string) => this.trace('server', text) : undefined;
    this.parser = new ResponseParser((response) => this.onResponse(response), {
      literalSink: spoolingLiteralSinkFactory({ memoryLimit: options.literalMemoryLimit ?? 1024 * 1024 }),
      trace,
      copyLines: options.staysPlain === true,
    });
  }

  /** Connects and waits for the server greeting (RFC 3501 §7.1.1 OK, §7.1.4 PREAUTH, §7.1.5 BYE). */
  static async open(options: ConnectionOptions): Promise<ImapConnection> {
    const connection = new ImapConnection(options);
    const reader = options.staysPlain && !options.implicitTls ? (chunk: Buffer) => connection.onData(chunk) : undefined;
    const socket = await openSocket(options, options.implicitTls, reader);
    const greeted = new Promise<void>((resolve, reject) => (connection.greetingWaiter = { resolve, reject }));
    connection.attach(socket);
    socket.setTimeout(options.connectTimeoutMs);
    await greeted;
    connection.updateTimeout();
    return connection;
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  get encrypted(): boolean {
    return this.socket instanceof TLSSocket;
  }

  get preauthenticated(): boolean {
    return this.greeting?.kind === 'status' && this.greeting.status === 'PREAUTH';
  }

  /** Queues a command; resolves with its tagged OK, rejects with ImapClientError on NO, BAD or a drop. */
  execute(spec: CommandSpec): Promise<TaggedResponse> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      this.queue.push({ tag: `A${++this.tagCounter}`, spec, resolve, reject });
      void this.pump();
    });
  }

  onUntagged(listener: (response: UntaggedResponse) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: (error: ImapClientError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** RFC 3501 §6.2.1: after the tagged OK the TLS handshake starts on the same socket. */
  async startTls(): Promise<void> {
    await this.execute({ name: 'STARTTLS', parts: ['STARTTLS'], exclusive: true });
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('timeout');
    const secure = await upgradeToTls(plain, this.options);
    this.attach(secure);
    this.capabilities = new Set(); // RFC 3501 §6.2.1: forget what was said before TLS
  }

  /** Stop reading from the socket until resumeReading (a consumer is slower than the server). */
  pauseReading(): void {
    if (this.readPaused) return;
    this.readPaused = true;
    this.socket.pause();
  }

  resumeReading(): void {
    if (!this.readPaused) return;
    this.readPaused = false;
    this.socket.resume();
  }

  /** Drops the socket now; pending commands fail with `reason` (or a 'closed' error). */
  destroy(reason?: ImapClientError): void {
    if (!this.closedError && reason) this.closedError = reason;
    this.socket?.destroy();
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk)); // not emitted for a socket opened with a reader
    socket.on('close', () => this.onSocketClosed());
    socket.on('error', (err) => this.fail(new ImapClientError({ kind: 'closed', endpoint: this.endpoint, detail: err.message, cause: err })));
    socket.on('timeout', () => this.onTimeout());
  }

  private onData(chunk: Buffer): void {
    try {
      this.parser.push(chunk);
    } catch (err) {
      const detail = err instanceof ImapSyntaxError ? `unparsable server response: ${err.message}` : String(err);
      this.fail(new ImapClientError({ kind: 'protocol', endpoint: this.endpoint, detail, temporary: true, cause: err }));
    }
  }

  private onResponse(response: ImapResponse): void {
    if (response.kind === 'continuation') return this.onContinuation(response.text);
    updateCapabilities(this.capabilities, response);
    if (response.kind === 'tagged') return this.onTagged(response);
    if (!this.greeting) return this.onGreeting(response);
    if (response.kind === 'status' && response.status === 'BYE') this.bye = response.text;
    const key = untaggedKey(response);
    const target = this.inFlight.find((command) => command.spec.untagged?.[key] !== undefined);
    if (target) {
      try {
        target.spec.untagged![key]!(response);
      } catch (err) {
        target.failure ??= err as Error;
      }
    }
    for (const listener of this.listeners) {
      try {
        listener(response);
      } catch (err) {
        this.log(`untagged listener failed: ${(err as Error).message}`);
      }
    }
  }

  private onGreeting(response: UntaggedResponse): void {
    this.greeting = response;
    const ok = response.kind === 'status' && (response.status === 'OK' || response.status === 'PREAUTH');
    if (ok) this.greetingWaiter?.resolve();
    else {
      const serverText = response.kind === 'status' ? response.text : undefined;
      this.greetingWaiter?.reject(new ImapClientError({ kind: 'closed', endpoint: this.endpoint, detail: 'server refused the connection', serverText }));
      this.socket.destroy();
    }
    this.greetingWaiter = null;
  }

  private onContinuation(text: string): void {
    if (this.continuationWaiter) {
      const waiter = this.continuationWaiter;
      this.continuationWaiter = null;
      return waiter.resolve(true);
    }
    const command = this.inFlight.find((candidate) => candidate.spec.onContinuation);
    if (!command) return this.log('continuation request with no command waiting');
    const send = (line: string) => {
      this.trace('client', command.spec.sensitiveContinuation ? '***' : line);
      this.socket.write(`${line}\r\n`);
    };
    try {
      command.spec.onContinuation!(text, send);
    } catch (err) {
      command.failure ??= err as Error;
    }
  }

  private onTagged(response: TaggedResponse): void {
    const index = this.inFlight.findIndex((command) => command.tag === response.tag);
    if (index < 0) return this.log(`tagged response for unknown tag ${response.tag.slice(0, 20)}`);
    const [command] = this.inFlight.splice(index, 1);
    if (this.continuationWaiter?.command === command) {
      this.continuationWaiter.resolve(false);
      this.continuationWaiter = null;
    }
    if (command!.failure) command!.reject(command!.failure);
    else if (response.status === 'OK') command!.resolve(response);
    else command!.reject(ImapClientError.fromTagged(command!.spec.name, response, this.endpoint));
    this.updateTimeout();
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.closedError) {
        const blocker = this.inFlight.find((command) => command.spec.exclusive);
        if (blocker) {
          blocker.spec.onInterrupt?.();
          break;
        }
        if (this.queue[0]!.spec.exclusive && this.inFlight.length > 0) break;
        const command = this.queue.shift()!;
        this.inFlight.push(command);
        this.updateTimeout();
        await this.writeCommand(command);
      }
    } catch (err) {
      this.fail(err instanceof ImapClientError ? err : new ImapClientError({ kind: 'closed', endpoint: this.endpoint, detail: String(err), cause: err }));
    } finally {
      this.pumping = false;
    }
  }

  private async writeCommand(command: PendingCommand): Promise<void> {
    const host: WriterHost = {
      endpoint: this.endpoint,
      capabilities: this.capabilities,
      write: (data) => this.write(data),
      writeFlushed: (data) => this.writeFlushed(data),
      literalBuffer: () => (this.literalBuffer ??= Buffer.allocUnsafe(LITERAL_BUFFER_BYTES)),
      continuation: () => new Promise((resolve) => (this.continuationWaiter = { command, resolve })),
      trace: this.traceEnabled() ? (text) => this.trace('client', text) : undefined,
    };
    try {
      await writeCommand(host, { tag: command.tag, ...command.spec });
    } catch (err) {
      if (err instanceof ImapClientError && err.kind === 'aborted') command.failure = err;
      throw err;
    }
  }

  private write(data: Uint8Array): Promise<void> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.socket.write(data)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        if (this.closedError) reject(this.closedError);
        else resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /**
   * Resolves when the socket has written these bytes (its callback), so their buffer can be filled again;
   * rejects when the connection closes first.
   */
  private writeFlushed(data: Uint8Array): Promise<void> {
    if (this.closedError) return Promise.reject(this.closedError);
    const socket = this.socket;
    return new Promise((resolve, reject) => {
      const onClose = () => reject(this.closedError ?? new ImapClientError({ kind: 'closed', endpoint: this.endpoint, detail: 'the connection closed during a write' }));
      socket.once('close', onClose);
      socket.write(data, (err) => {
        socket.off('close', onClose);
        if (err || this.closedError) reject(this.closedError ?? err);
        else resolve();
      });
    });
  }

  /** The response timeout runs only while something is pending (and not during IDLE or a paused read). */
  private updateTimeout(): void {
    if (!this.socket || this.closedError) return;
    const waiting = this.inFlight.length > 0 && !this.inFlight.every((command) => command.spec.noTimeout);
    this.socket.setTimeout(waiting ? this.options.responseTimeoutMs ?? 120_000 : 0);
  }

  private onTimeout(): void {
    if (this.readPaused) return;
    if (!this.greeting) return this.fail(new ImapClientError({ kind: 'timeout', endpoint: this.endpoint, detail: 'no greeting from the server' }));
    const command = this.inFlight[0];
    if (!command || command.spec.noTimeout) return;
    const waited = this.options.responseTimeoutMs ?? 120_000;
    const detail = `no response for ${waited >= 10_000 ? `${Math.round(waited / 1000)} s` : `${waited} ms`}`;
    this.fail(new ImapClientError({ kind: 'timeout', endpoint: this.endpoint, command: command.spec.name, detail }));
  }

  private fail(error: ImapClientError): void {
    this.closedError ??= error;
    this.socket.destroy();
    this.onSocketClosed();
  }

  private onSocketClosed(): void {
    if (this.finished) return;
    this.finished = true;
    const error = this.closedError ?? new ImapClientError({
      kind: 'closed', endpoint: this.endpoint, detail: this.bye === null ? 'the server closed the connection' : 'the server said BYE',
      serverText: this.bye ?? undefined,
    });
    this.closedError = error;
    this.parser.abort();
    this.greetingWaiter?.reject(error);
    this.greetingWaiter = null;
    this.continuationWaiter?.resolve(false);
    this.continuationWaiter = null;
    for (const command of [...this.inFlight.splice(0), ...this.queue.splice(0)]) command.reject(command.failure ?? error);
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener(error);
  }

  private traceEnabled(): boolean {
    return this.options.trace !== undefined || (this.options.logger?.isLevelEnabled('lowlevel') ?? false);
  }

  private trace(direction: TraceDirection, text: string): void {
    this.options.trace?.(direction, text);
    this.options.logger?.lowlevel({ conn: this.id, dir: direction === 'client' ? 'C' : 'S' }, text);
  }

  private log(message: string): void {
    this.options.logger?.lowlevel({ conn: this.id }, message);
  }
}
