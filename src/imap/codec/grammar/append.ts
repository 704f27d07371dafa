// APPEND mailbox 1*([SP flag-list] [SP date-time] SP literal) (RFC 3501 §6.3.11, RFC 3502 MULTIAPPEND,
// RFC 3516 §4.4 literal8 content).
//
// The session needs the mailbox, flags and date of a message before its literal arrives, to refuse it
// early (before the "+" continuation) and to stream it into the store: parseAppendProgress() reads the
// command head given with the reader's `continue` and `literal-start` events.

import { CHAR } from '../chars.ts';
import type { AppendMessage } from '../commands.ts';
import { Cursor } from '../cursor.ts';
import { parseDateTime } from '../date.ts';
import { readFlagList } from '../flags.ts';
import type { FramedCommand } from '../framed-command.ts';
import { readMailbox } from '../mailbox-name.ts';
import type { MailboxArg } from '../mailbox-name.ts';
import { ParseError } from '../parse-error.ts';
import type { CommandGrammar, GrammarContext } from './grammar.ts';

export interface AppendMessageHead {
  flags: string[];
  internalDate: Date | null;
}

/** What is known while the literal of message number `messages.length` is being received. */
export interface AppendProgress {
  tag: string;
  mailbox: MailboxArg;
  /** messages whose literals are complete */
  messages: AppendMessage[];
  /** flags and date of the message whose literal comes next */
  next: AppendMessageHead;
}

function readDateTime(c: Cursor): Date {
  const at = c.offset;
  const text = c.readQuoted().toString('latin1');
  try {
    return parseDateTime(text).date;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    throw new ParseError(`${error.message} at position ${at}`, { offset: at });
  }
}

// [flag-list SP] [date-time SP], the SP before them already read
function readMessageHead(c: Cursor): AppendMessageHead {
  let flags: string[] = [];
  let internalDate: Date | null = null;
  if (c.peek() === CHAR.LPAREN) {
    flags = readFlagList(c);
    c.sp('flag list');
  }
  if (c.peek() === CHAR.DQUOTE) {
    internalDate = readDateTime(c);
    c.sp('date-time');
  }
  return { flags, internalDate };
}

function readAppend(c: Cursor, context: GrammarContext, partial: boolean): { mailbox: MailboxArg; messages: AppendMessage[]; next: AppendMessageHead | null } {
  c.sp('APPEND');
  const mailbox = readMailbox(c, context.utf8Accept);
  const messages: AppendMessage[] = [];
  do {
    c.sp(messages.length === 0 ? 'mailbox name' : 'message literal');
    const head = readMessageHead(c);
    if (partial && c.atEnd()) return { mailbox, messages, next: head };
    if (!c.atLiteral()) c.fail('expected message literal');
    messages.push({ ...head, content: c.readLiteralPart() });
  } while (!c.atEnd());
  if (partial) c.fail('APPEND head does not end before a literal');
  return { mailbox, messages, next: null };
}

export const appendGrammar: CommandGrammar = {
  names: ['APPEND'],
  allowsUid: false,
  parse(c, context) {
    const { mailbox, messages } = readAppend(c, context, false);
    return { tag: context.tag, name: 'APPEND', mailbox, messages };
  },
};

/**
 * Parses the head of an APPEND whose next literal has been announced but not received. Throws a
 * ParseError (tagged when possible) when the head is not a valid APPEND prefix.
 */
export function parseAppendProgress(head: FramedCommand, options: { utf8Accept?: boolean } = {}): AppendProgress {
  const c: Cursor = new Cursor(head.parts);
  try {
    const tag = c.readTag();
    c.sp('tag');
    const name = c.readKeyword('command name');
    if (name !== 'APPEND') c.fail(`expected APPEND, got ${name}`);
    const { mailbox, messages, next } = readAppend(c, { tag, uid: false, utf8Accept: options.utf8Accept ?? false }, true);
    return { tag, mailbox, messages, next: next as AppendMessageHead };
  } catch (error) {
    if (error instanceof ParseError) error.tag = head.tag;
    throw error;
  }
}
