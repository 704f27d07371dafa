// One IMAP connection: the state machine of RFC 3501 §3 driving the command reader, one command at a time
// (pipelined commands wait their turn), with the mailbox changes of other sessions announced between commands.
// Commands live in commands/, one file each; this file only frames, dispatches, replies and keeps the books.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  CommandReader, continuation, parseCommand, ParseError, tagged, untaggedStatus, codes,
  type Command, type FramedCommand, type OutputChunk, type ReaderEvent,
} from '../codec/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { ConnectionInfo } from '../../net/listener.ts';
import type { StagedMessage } from '../../store/ingest.ts';
import type { Account } from '../../store/types.ts';
import { capabilityList } from './capabilities.ts';
import type { Activity, CommandResult, Extension, SessionContext, SessionStats } from './command.ts';
import { ImapSocket } from './connection.ts';
import { ConnectionClosed, resultForError } from './errors.ts';
import { writeChunks } from './output.ts';
import { notAllowed, parseFailure } from './replies.ts';
import { AppendLiterals, checkAppendTarget, commandWord } from './append-literals.ts';
import { COMMANDS } from './registry.ts';
import type { ImapServices } from './services.ts';
import type { SessionState } from './state.ts';
import { traceCommand, traceResponse } from './trace.ts';
import { collectUpdates, mailboxDeletedBye } from './updates.ts';

/** Input framed but not yet consumed beyond this holds the socket back until the session catches up. */
const INPUT_HIGH_WATER = 1024 * 1024;

export class ImapSession implements SessionContext {
  readonly stats: SessionStats = { commands: 0, fetched: 0, appended: 0, expunged: 0 };
  readonly enabled = new Set<Extension>();
  readonly log: Logger;
  state: SessionState = { kind: 'not-authenticated' };
  private readonly io: ImapSocket;
  private reader: CommandReader;
  private waiter: ((activity: Activity) => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly literals: AppendLiterals;
  private ending: string | null = null;
  private afterReply: (() => Promise<void>) | null = null;
  private user: string | null = null;
  private readonly started = Date.now();
  private readonly trace: boolean;

  constructor(socket: Socket | TLSSocket, readonly connection: ConnectionInfo, readonly services: ImapServices) {
    this.log = services.log.child({ conn: connection.id, ip: connection.remoteAddress }) as Logger;
    this.trace = this.log.isLevelEnabled('lowlevel');
    this.reader = this.newReader();
    this.literals = new AppendLiterals(services.store, this.log);
    this.io = new ImapSocket(socket, connection.secure, services.config.idleTimeoutSeconds * 1000, {
      data: (chunk) => {
        this.reader.push(chunk);
        if (this.reader.buffered > INPUT_HIGH_WATER) this.io.pause();
        this.wake('input');
      },
      close: () => this.wake('closed'),
      timeout: () => {
        // RFC 3501 §5.4: an inactivity autologout is announced with BYE
        this.io.write(untaggedStatus('BYE', 'Disconnected for inactivity.'));
        this.endNow('idle timeout');
      },
    }, services.buffers);
  }

  get secure(): boolean {
    return this.io.secure;
  }

  private newReader(): CommandReader {
    return new CommandReader({ maxStreamedLiteralSize: this.services.config.appendLimitBytes });
  }

  /** Runs the session to its end; never throws. */
  async run(): Promise<void> {
    let result = 'closed by client';
    try {
      this.io.write(untaggedStatus('OK', `${this.services.hostname} mailferry IMAP ready.`, codes.capability(this.capabilities())));
      await this.io.flush();
      for (;;) {
        if (this.ending) {
          result = this.ending;
          break;
        }
        const event = this.reader.next();
        if (event) {
          await this.handle(event);
          continue;
        }
        if ((await this.waitForActivity()) === 'closed') break;
      }
    } catch (error) {
      if (!(error instanceof ConnectionClosed)) {
        result = 'internal error';
        this.log.problems({ err: error }, 'IMAP session failed');
      }
    } finally {
      await this.cleanUp();
      this.logSession(result);
    }
  }

  private async handle(event: ReaderEvent): Promise<void> {
    switch (event.kind) {
      case 'command':
        return this.execute(event.command);
      case 'continue':
        return this.onContinue(event.head);
      case 'literal-start':
        return this.literals.start();
      case 'literal-chunk':
        return this.literals.chunk(event.data);
      case 'literal-end':
        return this.literals.end();
      case 'error':
        await this.literals.discard();
        this.log.major({ tag: event.tag, error: event.error.message }, 'malformed IMAP command');
        return this.reply(event.tag, event.error.code === 'TOOBIG'
          ? { condition: 'NO', text: event.error.message, code: codes.tooBig() }
          : { condition: 'BAD', text: event.error.message });
      case 'line':
        return; // a stray line outside AUTHENTICATE or IDLE cannot happen: the reader only frames it when asked
    }
  }

  private async execute(framed: FramedCommand): Promise<void> {
    this.stats.commands++;
    if (this.trace) this.log.lowlevel({ c: traceCommand(framed) }, 'C');
    let command: Command;
    try {
      command = parseCommand(framed);
    } catch (error) {
      await this.literals.discard();
      if (!(error instanceof ParseError)) throw error;
      this.log.major({ tag: framed.tag, error: error.message }, 'malformed IMAP command');
      return this.reply(framed.tag, parseFailure(error));
    }
    const result = await this.dispatch(command);
    await this.literals.discard();
    if (this.state.kind === 'selected') {
      // RFC 3501 §7.4.1: no EXPUNGE while answering FETCH, STORE or SEARCH (their UID forms may)
      const quiet = (command.name === 'FETCH' || command.name === 'STORE' || command.name === 'SEARCH') && !command.uid;
      await this.announce({ expunges: !quiet });
    }
    await this.reply(command.tag, result);
    const after = this.afterReply;
    this.afterReply = null;
    if (after) await after();
  }

  private async dispatch(command: Command): Promise<CommandResult> {
    const module = COMMANDS.get(command.name);
    const state = this.state;
    if (!module) return { condition: 'BAD', text: `${command.name} is not implemented` };
    if (!(module.states as readonly string[]).includes(state.kind)) return notAllowed(state.kind, command.name);
    try {
      return await module.run(this, command as never, state as never);
    } catch (error) {
      if (error instanceof ConnectionClosed) throw error;
      return resultForError(error, this.log, command.name);
    }
  }

  private async reply(tag: string | null, result: CommandResult): Promise<void> {
    const line = tag === null
      ? untaggedStatus(result.condition === 'OK' ? 'OK' : 'BAD', result.text, result.code)
      : tagged(tag, result.condition, result.text, result.code);
    if (this.trace) this.log.lowlevel({ s: traceResponse(line) }, 'S');
    this.io.write(line);
    await this.io.flush();
  }

  /** A synchronising literal was announced: say "+" or refuse the command before the client sends it. */
  private async onContinue(head: FramedCommand): Promise<void> {
    const name = commandWord(head);
    let refusal: CommandResult | null = null;
    if (this.state.kind === 'not-authenticated' && name !== 'LOGIN' && name !== 'AUTHENTICATE') {
      refusal = { condition: 'BAD', text: `${name || 'command'} needs a login first` };
    } else if (name === 'APPEND' && (this.state.kind === 'authenticated' || this.state.kind === 'selected')) {
      refusal = await checkAppendTarget(this.services.store, this.log, head, this.state.account);
    }
    if (refusal) {
      this.reader.rejectLiteral();
      await this.literals.discard();
      return this.reply(head.tag, refusal);
    }
    this.reader.acceptLiteral();
    this.io.write(continuation('Ready for literal data'));
    await this.io.flush();
  }

  // ---- SessionContext ----

  setState(state: SessionState): void {
    this.state = state;
  }

  enable(extension: Extension): void {
    const before = this.enabled.has('CONDSTORE');
    this.enabled.add(extension);
    if (extension === 'QRESYNC') this.enabled.add('CONDSTORE');
    // RFC 7162 §3.1: the first CONDSTORE-enabling command in the selected state reports HIGHESTMODSEQ
    const state = this.state;
    if (!before && this.enabled.has('CONDSTORE') && state.kind === 'selected') {
      this.io.write(untaggedStatus('OK', 'Highest', codes.highestModSeq(state.mailbox.highestModseq)));
    }
  }

  capabilities(): string[] {
    return capabilityList({
      state: this.state.kind,
      secure: this.secure,
      tlsAvailable: this.services.tls !== null,
      plaintextAllowed: this.plaintextAllowed(),
      appendLimit: this.services.config.appendLimitBytes,
    });
  }

  plaintextAllowed(): boolean {
    if (this.secure) return true;
    const policy = this.services.config.allowPlaintext;
    return policy === 'always' || (policy === 'loopback' && this.connection.loopback);
  }

  loggedIn(account: Account, mechanism: string): void {
    this.user = account.address;
    this.state = { kind: 'authenticated', account };
    this.unsubscribe?.();
    this.unsubscribe = this.services.store.notifier.subscribe(account.id, (event) => {
      const state = this.state;
      if (state.kind !== 'selected' || event.folderId !== state.mailbox.folderId) return;
      if (event.kind === 'folder') {
        if (event.action !== 'delete') return;
        state.mailbox.deleted = true;
      } else {
        state.mailbox.queue(event);
      }
      this.wake('update');
    });
    this.log.major({ user: account.address, mechanism }, 'IMAP login');
  }

  async send(chunks: OutputChunk[] | Buffer): Promise<void> {
    if (this.io.isClosed) throw new ConnectionClosed('connection closed');
    if (Buffer.isBuffer(chunks)) {
      this.io.write(chunks);
    } else {
      await writeChunks(this.io, chunks, this.services.buffers, this.log);
    }
    if (this.io.congested) await this.io.drained();
  }

  flush(): Promise<void> {
    return this.io.flush();
  }

  async announce(options: { expunges: boolean }): Promise<void> {
    const state = this.state;
    if (state.kind !== 'selected') return;
    const mailbox = state.mailbox;
    if (mailbox.deleted) {
      this.io.write(mailboxDeletedBye());
      this.endNow('selected mailbox deleted');
      return;
    }
    if (!mailbox.hasPending) return;
    const chunks = await collectUpdates(this.services.store, mailbox, {
      expunges: options.expunges, condstore: this.enabled.has('CONDSTORE'), qresync: this.enabled.has('QRESYNC'),
    });
    await this.send(chunks);
  }

  waitForActivity(): Promise<Activity> {
    if (this.io.isClosed) return Promise.resolve('closed');
    this.io.resume();
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private wake(activity: Activity): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(activity);
  }

  pollLine(): Buffer | 'too-long' | null {
    this.reader.expectLine();
    const event = this.reader.next();
    if (!event) return null;
    if (event.kind === 'line') return event.line;
    // the only other event a line request can end in: an over-long line
    return 'too-long';
  }

  startTls(): void {
    const tls = this.services.tls;
    if (!tls) return;
    this.afterReply = async () => {
      // RFC 3501 §6.2.1: whatever the client sent after STARTTLS, before the handshake, is discarded
      this.reader = this.newReader();
      try {
        await this.io.startTls(tls);
      } catch (error) {
        this.log.major({ err: (error as Error).message }, 'STARTTLS handshake failed');
        this.endNow('TLS handshake failed');
      }
    };
  }

  takeStagedLiteral(index: number): StagedMessage | undefined {
    return this.literals.take(index);
  }

  end(reason: string): void {
    this.ending ??= reason;
    this.state = { kind: 'logout' };
  }

  /** The server is stopping: BYE, then the connection closes. */
  shutdown(): void {
    this.io.write(untaggedStatus('BYE', 'Server shutting down.'));
    this.endNow('server shutdown');
  }

  private endNow(reason: string): void {
    this.end(reason);
    this.io.end();
    this.wake('closed');
  }

  // ---- end of session ----

  private async cleanUp(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.literals.discard().catch(() => undefined);
    this.io.end();
  }

  private logSession(result: string): void {
    this.log.major({
      user: this.user, ip: this.connection.remoteAddress, secure: this.secure, commands: this.stats.commands,
      bytesIn: this.io.bytesIn, bytesOut: this.io.bytesOut, fetched: this.stats.fetched, appended: this.stats.appended,
      expunged: this.stats.expunged, durationMs: Date.now() - this.started, result,
    }, 'IMAP session');
  }
}

