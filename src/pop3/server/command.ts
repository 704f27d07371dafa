// What a POP3 command module is, and what it may do to its session. One file per command under commands/,
// each declaring the state it runs in; a command that needs the maildrop gets the TRANSACTION state as an
// argument and so cannot run without one.
import type { Logger } from '../../log/logger.ts';
import type { ConnectionInfo } from '../../net/listener.ts';
import type { Pop3Command, Pop3Verb } from '../codec/commands.ts';
import type { Pop3Services } from './services.ts';
import type { AuthorizationState, SessionState, TransactionState } from './state.ts';

export interface SessionStats {
  commands: number;
  bytesIn: number;
  bytesOut: number;
  retrieved: number;
  deleted: number;
}

export interface SessionContext {
  readonly services: Pop3Services;
  readonly connection: ConnectionInfo;
  readonly log: Logger;
  readonly stats: SessionStats;
  /** TLS is on (implicit TLS port, or after STLS) */
  readonly secure: boolean;
  /** the "<...>" timestamp of the greeting when APOP is offered (RFC 1939 §7) */
  readonly apopTimestamp: string | null;
  readonly state: SessionState;
  setState(state: SessionState): void;
  /** the user the session logged in as, for the session log line */
  setUser(user: string): void;
  /** writes a status line */
  reply(line: Buffer): void;
  /** writes a status line, then a multi-line body already in wire form (stuffed and terminated) */
  sendMultiline(status: Buffer, body: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void>;
  /** RFC 2595: after "+OK" to STLS, the TLS handshake; input buffered before it is dropped */
  startTls(): Promise<void>;
  /** closes the connection after what has been written; `result` goes to the session log line */
  end(result: string): void;
  /** USER/PASS and AUTH PLAIN allowed here (TLS, or the allowPlaintext policy) */
  plaintextAllowed(): boolean;
}

type Narrow<V extends Pop3Verb> = Extract<Pop3Command, { verb: V }>;

export interface AuthorizationCommand<V extends Pop3Verb> {
  verb: V;
  state: 'authorization';
  run(session: SessionContext, command: Narrow<V>, state: AuthorizationState): Promise<void>;
}

export interface TransactionCommand<V extends Pop3Verb> {
  verb: V;
  state: 'transaction';
  run(session: SessionContext, command: Narrow<V>, state: TransactionState): Promise<void>;
}

export interface AnyStateCommand<V extends Pop3Verb> {
  verb: V;
  state: 'any';
  run(session: SessionContext, command: Narrow<V>): Promise<void>;
}

export type CommandHandler<V extends Pop3Verb = Pop3Verb> = AuthorizationCommand<V> | TransactionCommand<V> | AnyStateCommand<V>;
