// One POP3 connection on the server side: reads command lines (pipelined clients welcome, RFC 2449 §6.6),
// answers them in order through the command registry, streams bodies with back-pressure, upgrades to TLS on
// STLS, closes idle connections, and writes one `major` log line when it ends (DESIGN: log levels).
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../../log/logger.ts';
import type { ConnectionInfo } from '../../net/listener.ts';
import { upgradeToTls } from '../../net/tls.ts';
import type { Pop3Command } from '../codec/commands.ts';
import { parseCommand, verbOf } from '../codec/command-parser.ts';
import { Pop3ProtocolError } from '../codec/errors.ts';
import { COMMAND_LINE_LIMIT, CommandLineReader, type LineEvent } from '../codec/line-reader.ts';
import { errLine, okLine } from '../codec/responses.ts';
import type { CommandHandler, SessionContext, SessionStats } from './command.ts';
import { continueSasl } from './commands/auth.ts';
import { commands } from './registry.ts';
import { traceOf } from './trace.ts';
import type { Pop3Services } from './services.ts';
import { initialState, type SessionState } from './state.ts';

/** RFC 5034 §4 puts no 255-octet limit on SASL responses; keep them bounded all the same. */
const SASL_LINE_LIMIT = 16 * 1024;
/** unanswered pipelined input held before reading pauses */
const MAX_BUFFERED_INPUT = 64 * 1024;
const MAX_BAD_COMMANDS = 20;

export class Pop3Session implements SessionContext {
  readonly log: Logger;
  readonly stats: SessionStats = { commands: 0, bytesIn: 0, bytesOut: 0, retrieved: 0, deleted: 0 };
  readonly apopTimestamp: string | null;
  secure: boolean;
  state: SessionState = initialState();
  private readonly reader = new CommandLineReader();
  private readonly started = Date.now();
  private processing = false;
  private inputPaused = false;
  private closed = false;
  private ending = false;
  private user: string | null = null;
  private result = 'disconnected';
  private badCommands = 0;
  /** a multi-line body has started and not finished: an error now cannot be answered with -ERR */
  private bodyIncomplete = false;

  constructor(
    private socket: Socket | TLSSocket,
    readonly connection: ConnectionInfo,
    readonly services: Pop3Services,
  ) {
    this.log = services.log.child({ conn: connection.id, ip: connection.remoteAddress }) as Logger;
    this.secure = connection.secure;
    // RFC 1939 §7: the APOP timestamp is unique per greeting: <random.time@host>
    this.apopTimestamp = services.apop ? `<${randomBytes(8).toString('hex')}.${Date.now()}@${services.hostname}>` : null;
    this.attach(socket);
    this.reply(okLine(`mailferry POP3 ready${this.apopTimestamp ? ` ${this.apopTimestamp}` : ''}`));
  }

  setState(state: SessionState): void {
    this.state = state;
  }

  setUser(user: string): void {
    this.user = user;
  }

  plaintextAllowed(): boolean {
    const policy = this.services.config.allowPlaintext;
    return this.secure || policy === 'always' || (policy === 'loopback' && this.connection.loopback);
  }

  reply(line: Buffer): void {
    if (this.closed) return;
    this.log.lowlevel(`S: ${line.toString('utf8').trimEnd()}`);
    this.stats.bytesOut += line.length;
    this.socket.write(line);
  }

  async sendMultiline(status: Buffer, body: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
    this.reply(status);
    this.bodyIncomplete = true;
    let octets = 0;
    for await (const chunk of body) {
      if (this.closed) break; // leaving the loop closes the blob stream
      octets += chunk.length;
      this.stats.bytesOut += chunk.length;
      if (!this.socket.write(chunk)) await this.drained();
    }
    this.bodyIncomplete = false;
    this.log.lowlevel(`S: (${octets} octets of multi-line body)`);
  }

  async startTls(): Promise<void> {
    const tls = this.services.tls;
    if (!tls) return;
    const plain = this.socket;
    this.detach(plain);
    this.reader.clear(); // RFC 2595 §4: nothing sent before the handshake may be acted on after it
    if (this.inputPaused) plain.resume();
    try {
      const secure = await upgradeToTls(plain, tls);
      this.socket = secure;
      this.secure = true;
      this.attach(secure);
    } catch (err) {
      this.log.lowlevel({ err: (err as Error).message }, 'STLS handshake failed');
      this.result = 'tls-failed';
      this.onClose();
    }
  }

  end(result: string): void {
    this.result = result;
    this.ending = true;
    this.socket.end();
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setTimeout(this.services.config.idleTimeoutSeconds * 1000);
    socket.on('data', this.onData);
    socket.on('timeout', this.onTimeout);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
  }

  private detach(socket: Socket | TLSSocket): void {
    socket.setTimeout(0);
    socket.off('data', this.onData);
    socket.off('timeout', this.onTimeout);
    socket.off('close', this.onClose);
    socket.off('error', this.onError);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    this.stats.bytesIn += chunk.length;
    this.reader.push(chunk);
    if (this.reader.pendingBytes > MAX_BUFFERED_INPUT && !this.inputPaused) {
      this.inputPaused = true;
      this.socket.pause();
    }
    void this.process();
  };

  private readonly onTimeout = (): void => {
    // RFC 1939 §3 autologout: no UPDATE, nothing deleted
    this.reply(errLine('Disconnected for inactivity'));
    this.end('idle-timeout');
  };

  private readonly onError = (err: Error): void => {
    this.log.lowlevel({ err: err.message }, 'connection error');
  };

  private readonly onClose = (): void => {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.log.major(
      {
        user: this.user, ip: this.connection.remoteAddress, secure: this.secure, result: this.result,
        durationMs: Date.now() - this.started, ...this.stats,
      },
      `pop3 session ${this.user ?? '(not logged in)'} ${this.result}`,
    );
  };

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (!this.closed && !this.ending) {
        const saslPending = this.state.kind === 'authorization' && this.state.sasl !== null;
        const event = this.reader.next(saslPending ? SASL_LINE_LIMIT : COMMAND_LINE_LIMIT);
        if (!event) break;
        await this.handle(event, saslPending);
      }
    } catch (err) {
      // a store or stream failure: say so unless a body is half sent (then only closing tells the client)
      this.log.problems({ err, user: this.user }, 'pop3 command failed');
      if (this.bodyIncomplete) {
        this.result = 'error';
        this.onClose();
      } else {
        this.reply(errLine('Internal error, try again later', 'SYS/TEMP'));
        this.end('error');
      }
    } finally {
      this.processing = false;
      if (this.inputPaused && this.reader.pendingBytes <= MAX_BUFFERED_INPUT) {
        this.inputPaused = false;
        this.socket.resume();
      }
    }
  }

  private async handle(event: LineEvent, saslPending: boolean): Promise<void> {
    if (event.kind === 'too-long') {
      if (saslPending) this.setState(initialState()); // the exchange is abandoned, not left half open
      return this.refuse(errLine(`Line too long (at most ${saslPending ? SASL_LINE_LIMIT : COMMAND_LINE_LIMIT} octets)`));
    }
    if (saslPending) {
      this.log.lowlevel('C: ***');
      return continueSasl(this, event.line.toString('latin1'));
    }
    this.stats.commands += 1;
    let command: Pop3Command;
    try {
      command = parseCommand(event.line);
    } catch (err) {
      if (!(err instanceof Pop3ProtocolError)) throw err;
      this.log.lowlevel(`C: ${verbOf(event.line)} …`);
      return this.refuse(errLine(err.kind === 'unknown-command' ? 'Unknown command' : `Syntax error: ${err.message}`));
    }
    this.log.lowlevel(`C: ${traceOf(command, event.line)}`);
    return this.dispatch(command);
  }

  private async dispatch(command: Pop3Command): Promise<void> {
    const handler: CommandHandler = commands[command.verb];
    const state = this.state;
    if (handler.state === 'any') return handler.run(this, command);
    if (handler.state === 'authorization' && state.kind === 'authorization') return handler.run(this, command, state);
    if (handler.state === 'transaction' && state.kind === 'transaction') return handler.run(this, command, state);
    return this.refuse(errLine(state.kind === 'authorization' ? 'Log in first' : 'Not allowed after login'));
  }

  private refuse(line: Buffer): void {
    this.reply(line);
    this.badCommands += 1;
    if (this.badCommands >= MAX_BAD_COMMANDS) {
      this.reply(errLine('Too many bad commands, closing'));
      this.end('bad-commands');
    }
  }
}
