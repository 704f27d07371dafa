// The typed commands the parser produces: one discriminated union on `name` (upper case). Commands that
// take a UID prefix carry `uid` (RFC 3501 §6.4.8); names stay the base name ("FETCH", not "UID FETCH").

import type { FetchItem, FetchMacro } from './fetch-items.ts';
import type { LiteralPart, StreamedPart } from './framed-command.ts';
import type { MailboxArg } from './mailbox-name.ts';
import type { SearchKey } from './search-keys.ts';
import type { SequenceSet } from './sequence-set.ts';

interface Tagged {
  tag: string;
}

export type NoArgumentCommandName =
  | 'CAPABILITY'
  | 'NOOP'
  | 'LOGOUT'
  | 'STARTTLS'
  | 'CHECK'
  | 'CLOSE'
  | 'UNSELECT'
  | 'IDLE'
  | 'NAMESPACE';

export interface NoArgumentCommand extends Tagged {
  name: NoArgumentCommandName;
}

export interface LoginCommand extends Tagged {
  name: 'LOGIN';
  userid: string;
  password: string;
}

/** RFC 3501 §6.2.2, RFC 4959 SASL-IR: `initialResponse` is decoded; "=" gives an empty buffer. */
export interface AuthenticateCommand extends Tagged {
  name: 'AUTHENTICATE';
  mechanism: string;
  initialResponse: Buffer | null;
}

/** RFC 7162 §3.2.5 QRESYNC select parameter. */
export interface QresyncParameters {
  uidValidity: number;
  modseq: bigint;
  knownUids: SequenceSet | null;
  /** sequence numbers and the UIDs the client believes they have */
  sequenceMatch: { sequences: SequenceSet; uids: SequenceSet } | null;
}

export interface SelectCommand extends Tagged {
  name: 'SELECT' | 'EXAMINE';
  mailbox: MailboxArg;
  /** RFC 7162 §3.1.8 (CONDSTORE) select parameter */
  condstore: boolean;
  qresync: QresyncParameters | null;
}

/** RFC 6154 §3: CREATE name (USE (\Drafts)) */
export interface CreateCommand extends Tagged {
  name: 'CREATE';
  mailbox: MailboxArg;
  specialUse: string[];
}

export interface MailboxCommand extends Tagged {
  name: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE';
  mailbox: MailboxArg;
}

export interface RenameCommand extends Tagged {
  name: 'RENAME';
  from: MailboxArg;
  to: MailboxArg;
}

/** RFC 5258 §3 selection options (with RFC 6154 SPECIAL-USE). */
export interface ListSelection {
  subscribed: boolean;
  remote: boolean;
  recursiveMatch: boolean;
  specialUse: boolean;
}

/** RFC 5258 §3 return options (with RFC 6154 SPECIAL-USE and RFC 5819 STATUS). */
export interface ListReturn {
  subscribed: boolean;
  children: boolean;
  specialUse: boolean;
  status: StatusItem[] | null;
}

export interface ListCommand extends Tagged {
  name: 'LIST';
  /** decoded reference name */
  reference: string;
  /** decoded patterns, with % and * wildcards */
  patterns: string[];
  selection: ListSelection;
  returns: ListReturn;
  /** LIST-EXTENDED syntax was used (selection options, several patterns or RETURN) */
  extended: boolean;
}

export interface LsubCommand extends Tagged {
  name: 'LSUB';
  reference: string;
  pattern: string;
}

/** RFC 3501 §6.3.10, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 9051 DELETED, RFC 7889 APPENDLIMIT. */
export type StatusItem = 'MESSAGES' | 'RECENT' | 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN' | 'HIGHESTMODSEQ' | 'SIZE' | 'DELETED' | 'APPENDLIMIT';

export interface StatusCommand extends Tagged {
  name: 'STATUS';
  mailbox: MailboxArg;
  items: StatusItem[];
}

export interface AppendMessage {
  flags: string[];
  internalDate: Date | null;
  /** the message: in memory, or streamed earlier as literal-chunk events (see command-reader.ts) */
  content: LiteralPart | StreamedPart;
}

/** RFC 3501 §6.3.11; several messages with MULTIAPPEND (RFC 3502). */
export interface AppendCommand extends Tagged {
  name: 'APPEND';
  mailbox: MailboxArg;
  messages: AppendMessage[];
}

export interface ExpungeCommand extends Tagged {
  name: 'EXPUNGE';
  uid: boolean;
  /** UID EXPUNGE (RFC 4315 §2.1): only these UIDs */
  uids: SequenceSet | null;
}

/** RFC 4731 ESEARCH return options, RFC 5182 SAVE. */
export type SearchReturnOption = 'MIN' | 'MAX' | 'ALL' | 'COUNT' | 'SAVE';

export interface SearchCommand extends Tagged {
  name: 'SEARCH';
  uid: boolean;
  /** as given, upper case; null when the client named none */
  charset: string | null;
  criteria: SearchKey;
  /** null for a plain SEARCH; "RETURN ()" is given as ['ALL'] (RFC 4731 §3.1) */
  returnOptions: SearchReturnOption[] | null;
}

export interface FetchCommand extends Tagged {
  name: 'FETCH';
  uid: boolean;
  sequence: SequenceSet;
  items: FetchItem[];
  macro: FetchMacro | null;
  /** RFC 7162 §3.1.4 CHANGEDSINCE modifier */
  changedSince: bigint | null;
  /** RFC 7162 §3.2.6 VANISHED modifier (UID FETCH with CHANGEDSINCE only) */
  vanished: boolean;
}

export type StoreOperation = 'set' | 'add' | 'remove';

export interface StoreCommand extends Tagged {
  name: 'STORE';
  uid: boolean;
  sequence: SequenceSet;
  operation: StoreOperation;
  silent: boolean;
  flags: string[];
  /** RFC 7162 §3.1.3 UNCHANGEDSINCE modifier */
  unchangedSince: bigint | null;
}

/** COPY (RFC 3501 §6.4.7) and MOVE (RFC 6851). */
export interface CopyCommand extends Tagged {
  name: 'COPY' | 'MOVE';
  uid: boolean;
  sequence: SequenceSet;
  mailbox: MailboxArg;
}

/** RFC 5161: capability names in upper case. */
export interface EnableCommand extends Tagged {
  name: 'ENABLE';
  capabilities: string[];
}

/** RFC 2971: field/value pairs, or null for "ID NIL". */
export interface IdCommand extends Tagged {
  name: 'ID';
  parameters: Array<[field: string, value: string | null]> | null;
}

export type Command =
  | NoArgumentCommand
  | LoginCommand
  | AuthenticateCommand
  | SelectCommand
  | CreateCommand
  | MailboxCommand
  | RenameCommand
  | ListCommand
  | LsubCommand
  | StatusCommand
  | AppendCommand
  | ExpungeCommand
  | SearchCommand
  | FetchCommand
  | StoreCommand
  | CopyCommand
  | EnableCommand
  | IdCommand;

export type CommandName = Command['name'];
