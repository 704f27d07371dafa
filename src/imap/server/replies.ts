// Replies the session itself makes, rather than a command: to input the codec refused, and to a command sent
// in the wrong state.
import { codes, type ParseError } from '../codec/index.ts';
import type { CommandResult } from './command.ts';
import type { StateKind } from './state.ts';

/**
 * The reply to a command the codec could not parse: BAD, except where the syntax was fine and only a value is
 * refused — an unsupported charset (NO [BADCHARSET], RFC 3501 §6.4.4) or a mailbox name that is not valid
 * modified UTF-7 (NO, as Dovecot answers: no such mailbox can exist).
 */
export function parseFailure(error: ParseError): CommandResult {
  if (error.code === 'BADCHARSET') return { condition: 'NO', text: error.message, code: codes.badCharset() };
  if (error.code === 'CANNOT' || error.message.startsWith('bad mailbox name')) return { condition: 'NO', text: error.message, code: codes.cannot() };
  return { condition: 'BAD', text: error.message, code: error.code === 'TOOBIG' ? codes.tooBig() : undefined };
}

/** RFC 3501 §3: a command outside the states it belongs to gets BAD. */
export function notAllowed(state: StateKind, name: string): CommandResult {
  const text = state === 'not-authenticated' ? `${name} needs a login first`
    : state === 'authenticated' ? `${name} needs a selected mailbox`
    : state === 'selected' ? `${name} is not allowed after login`
    : `${name} is not allowed after LOGOUT`;
  return { condition: 'BAD', text };
}
