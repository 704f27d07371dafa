// What a per-command grammar looks like: the parser reads the tag and the command name, then hands the
// cursor (positioned after the name) to the grammar registered for that name.

import type { Command } from '../commands.ts';
import type { Cursor } from '../cursor.ts';

export interface GrammarContext {
  tag: string;
  /** the command came with the UID prefix (RFC 3501 §6.4.8) */
  uid: boolean;
  /** the client enabled UTF8=ACCEPT: mailbox names are UTF-8, not modified UTF-7 (RFC 6855 §3) */
  utf8Accept: boolean;
}

export interface CommandGrammar {
  /** upper-case command names this grammar parses */
  names: readonly string[];
  /** whether "UID <name>" exists */
  allowsUid: boolean;
  /** parses the arguments after the name; the parser checks that the command ends afterwards */
  parse(c: Cursor, context: GrammarContext, name: string): Command;
}
