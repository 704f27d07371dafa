// One POP3 connection on the client side: the socket (plain, implicit TLS, or upgraded by STLS), the response
// reader, and the queue of commands. Commands are answered in order (RFC 1939 §3); with the RFC 2449 PIPELINING
// capability several are sent before their answers arrive. Multi-line bodies stream into BodyQueues whose
// back-pressure pauses the socket, so memory stays bounded however large the message.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../../log/logger.ts';
import { ResponseReader, type StatusLine } from '../codec/response-reader.ts';
import { Pop3ProtocolError } from '../codec/errors.ts';
import { BodyQueue } from './body-queue.ts';
import { Pop3Error } from './errors.ts';
import { openSocket, startClientTls, transportError, type TransportOptions } from './transport.ts';

export type { TransportOptions } from './transport.ts';

export interface CommandSpec {
  /** verb for errors and logs */
  verb: string;
  line: string;
  /** the line as the trace shows it (arguments masked) */
  traceLine?: string;
  /** a +OK answer is followed by a multi-line body */
  multiline: boolean;
  /** may be sent while earlier commands await their answers (when the server offers PIPELINING) */
  pipelinable: boolean;
  /** SASL (RFC 5034 §4): answers a "+ challenge" line with the next line to send */
  onContinue?: (challenge: string) => { line: string; traceLine: string };
}

export interface CommandHandle {
  /** the status line (+OK or -ERR); rejects only when the connection fails */
  status: Promise<StatusLine>;
  /** the body of a multi-line answer (empty after -ERR) */
  body: BodyQueue | null;
}

interface Pending {
  spec: CommandSpec;
  body: BodyQueue | null;
  settled: boolean;
  resolve(status: StatusLine): void;
  reject(err: Error): void;
}

/** Commands sent ahead of their answers at most; more wait in the queue. */
const MAX_IN_FLIGHT = 64;

export class Pop3Connection {
  private reader = new ResponseReader();
  private readonly queue: Pending[] = [];
  private readonly inFlight: Pending[] = [];
  private pauses = 0;
  private failure: Pop3Error | null = null;
  /** set once the server offers PIPELINING (RFC 2449 §6.6) */
  pipelining = false;
  /** the greeting's status line */
  readonly greeting: Promise<StatusLine>;

  private constructor(
    private socket: Socket | TLSSocket,
    private readonly options: TransportOptions,
    private readonly log: Logger,
  ) {
    const greeting = this.track({ verb: 'greeting', line: '', multiline: false, pipelinable: false });
    this.inFlight.push(greeting.pending);
    this.greeting = greeting.handle.status;
    this.attach(socket);
  }

  get where(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  get secure(): boolean {
    return 'encrypted' in this.socket && this.socket.encrypted === true;
  }

  /** Opens the TCP (or implicit TLS) connection; the greeting is read by the returned connection. */
  static async open(options: TransportOptions, log: Logger): Promise<Pop3Connection> {
    return new Pop3Connection(await openSocket(options), options, log);
  }

  /** Sends a command (now, or when the pipeline allows) and returns its answer's handle. */
  send(spec: CommandSpec): CommandHandle {
    const { pending, handle } = this.track(spec);
    if (this.failure) {
      pending.settled = true;
      pending.reject(this.failure);
      pending.body?.fail(this.failure);
    } else {
      this.queue.push(pending);
      this.pump();
    }
    return handle;
  }

  /** RFC 2595 §4: after "+OK" to STLS, the TLS handshake; the reader starts afresh (nothing before it counts). */
  async upgradeToTls(): Promise<void> {
    if (this.inFlight.length > 0 || this.queue.length > 0) throw new Error('STLS upgrade with commands outstanding');
    const plain = this.socket as Socket;
    this.detach(plain);
    const secure = await startClientTls(plain, this.options);
    this.socket = secure;
    this.reader = new ResponseReader();
    this.attach(secure);
  }

  /** Ends the connection without QUIT (after QUIT, or to give up). */
  close(): void {
    this.fail(new Pop3Error(`${this.where}: connection closed`, { kind: 'closed', temporary: true }));
  }

  private track(spec: CommandSpec): { pending: Pending; handle: CommandHandle } {
    const body = spec.multiline ? new BodyQueue({ pause: () => this.pause(), resume: () => this.resume() }) : null;
    let resolve!: (s: StatusLine) => void;
    let reject!: (e: Error) => void;
    const status = new Promise<StatusLine>((res, rej) => { resolve = res; reject = rej; });
    status.catch(() => {}); // a pipelined answer nobody awaited must not become an unhandled rejection
    const pending: Pending = { spec, body, settled: false, resolve, reject };
    return { pending, handle: { status, body } };
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0];
      const canPipeline = this.pipelining && next.spec.pipelinable && this.inFlight.length < MAX_IN_FLIGHT &&
        this.inFlight.every((p) => p.spec.pipelinable);
      if (this.inFlight.length > 0 && !canPipeline) return;
      this.queue.shift();
      this.inFlight.push(next);
      this.write(next.spec.line, next.spec.traceLine ?? next.spec.line);
    }
  }

  private write(line: string, traceLine: string): void {
    this.log.lowlevel({ conn: this.where }, `C: ${traceLine}`);
    this.socket.write(`${line}\r\n`);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.reader.push(chunk);
    try {
      for (let event = this.reader.next(); event; event = this.reader.next()) {
        const current = this.inFlight[0];
        if (!current) throw new Pop3ProtocolError('response', 'response without a command');
        if (event.kind === 'data') current.body?.push(event.chunk);
        else if (event.kind === 'end') this.complete(current);
        else this.onStatus(current, event);
      }
    } catch (err) {
      const message = err instanceof Pop3ProtocolError ? err.message : String(err);
      this.fail(new Pop3Error(`${this.where}: ${message}`, { kind: 'protocol', temporary: true, cause: err }));
    }
  };

  private onStatus(current: Pending, status: StatusLine): void {
    this.log.lowlevel({ conn: this.where }, `S: ${statusText(status)}`);
    if (status.status === 'continue') {
      if (!current.spec.onContinue) throw new Pop3ProtocolError('response', `unexpected "+" continuation after ${current.spec.verb}`);
      const reply = current.spec.onContinue(status.text);
      this.write(reply.line, reply.traceLine);
      return;
    }
    current.settled = true;
    current.resolve(status);
    if (status.status === 'ok' && current.spec.multiline) {
      this.reader.expectMultiline();
      return;
    }
    this.complete(current);
  }

  private complete(current: Pending): void {
    current.body?.end();
    this.inFlight.shift();
    this.pump();
  }

  private pause(): void {
    if (this.pauses++ === 0) this.socket.pause();
  }

  private resume(): void {
    if (--this.pauses === 0) this.socket.resume();
  }

  private readonly onTimeout = (): void => {
    // waiting on our own consumer is not the server's silence
    if (this.inFlight.length === 0 || this.pauses > 0) return;
    const verb = this.inFlight[0].spec.verb;
    this.fail(new Pop3Error(`${this.where}: no answer to ${verb} within ${this.options.timeoutMs ?? 60_000} ms`, { kind: 'timeout', temporary: true, command: verb }));
  };

  private readonly onError = (err: Error): void => this.fail(transportError(err, this.options, 'session'));

  private readonly onClose = (): void =>
    this.fail(new Pop3Error(`${this.where}: connection closed by the server`, { kind: 'closed', temporary: true }));

  private attach(socket: Socket | TLSSocket): void {
    socket.setTimeout(this.options.timeoutMs ?? 60_000);
    socket.on('data', this.onData);
    socket.on('timeout', this.onTimeout);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: Socket | TLSSocket): void {
    socket.off('data', this.onData);
    socket.off('timeout', this.onTimeout);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  private fail(err: Pop3Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const pending of [...this.inFlight, ...this.queue]) {
      if (!pending.settled) pending.reject(err);
      pending.settled = true;
      pending.body?.fail(err);
    }
    this.inFlight.length = 0;
    this.queue.length = 0;
    this.socket.destroy();
  }
}

function statusText(status: StatusLine): string {
  const indicator = status.status === 'ok' ? '+OK' : status.status === 'err' ? '-ERR' : '+';
  const code = status.code ? `[${status.code}] ` : '';
  return `${indicator} ${code}${status.text}`.trimEnd();
}
