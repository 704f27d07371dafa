// What an IMAP command module is, and what it may do to its session. One file per command under commands/
// exports `{ name, states, run }`; registry.ts maps names to modules. `run` receives the session state narrowed
// to the states the module declares, so a command that needs a selected mailbox gets one by construction.
import type { Command, CommandName, OutputChunk, ResponseCode } from '../codec/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { ConnectionInfo } from '../../net/listener.ts';
import type { StagedMessage } from '../../store/ingest.ts';
import type { Account } from '../../store/types.ts';
import type { ImapServices } from './services.ts';
import type { SessionState, StateKind, StateOf } from './state.ts';

/** The tagged reply a command ends with; the session writes it after announcing mailbox changes. */
export interface CommandResult {
  condition: 'OK' | 'NO' | 'BAD';
  text: string;
  code?: ResponseCode;
}

export const ok = (text: string, code?: ResponseCode): CommandResult => ({ condition: 'OK', text, code });
export const no = (text: string, code?: ResponseCode): CommandResult => ({ condition: 'NO', text, code });
export const bad = (text: string, code?: ResponseCode): CommandResult => ({ condition: 'BAD', text, code });

export interface SessionStats {
  commands: number;
  /** messages returned by FETCH */
  fetched: number;
  appended: number;
  expunged: number;
}

/** What woke a waiting command: client input, a mailbox change to announce, or the end of the connection. */
export type Activity = 'input' | 'update' | 'closed';

/** Extensions a client turns on (RFC 5161 ENABLE, or implicitly by a CONDSTORE-enabling command). */
export type Extension = 'CONDSTORE' | 'QRESYNC';

export interface SessionContext {
  readonly services: ImapServices;
  readonly connection: ConnectionInfo;
  readonly log: Logger;
  readonly stats: SessionStats;
  /** TLS is on (implicit TLS port, or after STARTTLS) */
  readonly secure: boolean;
  readonly state: SessionState;
  setState(state: SessionState): void;
  readonly enabled: ReadonlySet<Extension>;
  /** RFC 7162 §3.1: CONDSTORE is on once enabled or once a CONDSTORE-enabling command ran; QRESYNC implies it */
  enable(extension: Extension): void;
  /** the CAPABILITY list for the current state and connection */
  capabilities(): string[];
  /** LOGIN / AUTHENTICATE PLAIN allowed here (TLS, or the allowPlaintext policy) */
  plaintextAllowed(): boolean;
  /** the session logged in: it now hears the account's mailbox changes */
  loggedIn(account: Account, mechanism: string): void;
  /** queues output; resolves at once unless the client is slow to read (backpressure) */
  send(chunks: OutputChunk[] | Buffer): Promise<void>;
  /** writes everything queued */
  flush(): Promise<void>;
  /** sends pending mailbox changes as untagged responses (RFC 3501 §7.3.1, §7.4.1) */
  announce(options: { expunges: boolean }): Promise<void>;
  /** waits for client input, a mailbox change, or the end of the connection */
  waitForActivity(): Promise<Activity>;
  /** the next raw client line if one is complete (AUTHENTICATE responses, IDLE's DONE); null if not yet */
  pollLine(): Buffer | 'too-long' | null;
  /** RFC 3501 §6.2.1: the TLS handshake starts after the tagged OK; input buffered before it is discarded */
  startTls(): void;
  /** a message literal of the current APPEND that arrived as a stream, already staged in the blob store */
  takeStagedLiteral(index: number): StagedMessage | undefined;
  /** closes the connection once the current reply is written */
  end(reason: string): void;
}

/** The command type a name parses to (some grammars share a type between names, e.g. SELECT and EXAMINE). */
type CommandOf<N extends CommandName> = Command extends infer C ? (C extends { name: infer M } ? (N extends M ? C : never) : never) : never;

export interface CommandModule<N extends CommandName = CommandName, S extends StateKind = StateKind> {
  name: N;
  states: readonly S[];
  run(session: SessionContext, command: CommandOf<N>, state: StateOf<S>): Promise<CommandResult>;
}

/** Typed helper so each command file infers its narrowed state and command from `name` and `states`. */
export function defineCommand<N extends CommandName, S extends StateKind>(module: CommandModule<N, S>): CommandModule<N, S> {
  return module;
}
