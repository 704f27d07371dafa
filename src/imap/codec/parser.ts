// command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF (RFC 3501 §9).
// Reads the tag and the name, then lets the grammar registered for the name read the arguments.
// Every problem in the input is a ParseError carrying the tag when there is one; any other exception
// would be a bug in the codec (bench/fuzz-imap-codec.ts looks for them).

import type { Command } from './commands.ts';
import { Cursor } from './cursor.ts';
import type { FramedCommand } from './framed-command.ts';
import { GRAMMAR_BY_NAME } from './grammar/registry.ts';
import { ParseError } from './parse-error.ts';

export interface ParseOptions {
  /** the client has enabled UTF8=ACCEPT (RFC 6855): mailbox names are UTF-8 */
  utf8Accept?: boolean;
}

export function parseCommand(framed: FramedCommand, options: ParseOptions = {}): Command {
  const c: Cursor = new Cursor(framed.parts);
  try {
    const tag = c.readTag();
    c.sp('tag');
    const nameAt = c.offset;
    let name = c.readKeyword('command name');
    let uid = false;
    if (name === 'UID') {
      uid = true;
      c.sp('UID');
      name = c.readKeyword('command name after UID');
    }
    const grammar = GRAMMAR_BY_NAME.get(name);
    if (!grammar || (uid && !grammar.allowsUid)) {
      const problem = grammar ? `${name} cannot follow UID` : `unknown command ${uid ? 'UID ' : ''}${name}`;
      throw new ParseError(`${problem} at position ${nameAt}`, { offset: nameAt });
    }
    const command = grammar.parse(c, { tag, uid, utf8Accept: options.utf8Accept ?? false }, name);
    c.expectEnd();
    return command;
  } catch (error) {
    if (error instanceof ParseError) error.tag = framed.tag;
    throw error;
  }
}
