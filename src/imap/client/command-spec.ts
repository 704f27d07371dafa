// What a command module hands to the connection: the command's parts, which untagged responses it
// wants, how it answers "+" continuations, and how it must be scheduled in the pipeline.
import type { CommandPart } from './command-encoding.ts';
import type { UntaggedResponse } from './responses.ts';

export type TraceDirection = 'client' | 'server';
export type TraceHook = (direction: TraceDirection, text: string) => void;

export type UntaggedHandlers = Partial<Record<string, (response: UntaggedResponse) => void>>;

export interface CommandSpec {
  /** the verb, for errors and logs ('UID FETCH', 'LOGIN'); never arguments */
  name: string;
  /** everything after "tag SP" */
  parts: CommandPart[];
  /** handlers by kind: 'FETCH', 'EXISTS', 'LIST', 'OK', 'NO'... */
  untagged?: UntaggedHandlers;
  /** AUTHENTICATE / IDLE: the server's "+" lines; `send` writes one line (CRLF added) */
  onContinuation?: (text: string, send: (line: string) => void) => void;
  /** shown in traces instead of the arguments (credentials) */
  traceAs?: string;
  /** lines sent through onContinuation are masked in traces */
  sensitiveContinuation?: boolean;
  /** sent only when nothing else is in flight, and nothing else is sent until it completes */
  exclusive?: boolean;
  /** wait for "+" before each literal even when LITERAL+ is offered */
  synchronisingLiterals?: boolean;
  /** called when another command is queued behind this exclusive one (IDLE ends itself with DONE) */
  onInterrupt?: () => void;
  /** exempt from the response timeout (IDLE) */
  noTimeout?: boolean;
}

