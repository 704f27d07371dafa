// Mailbox names in commands: modified UTF-7 on the wire (RFC 3501 §5.1.3), or UTF-8 once the client
// has enabled UTF8=ACCEPT (RFC 6855 §3). INBOX is case-insensitive (RFC 3501 §5.1).

import type { Cursor } from './cursor.ts';
import { ParseError } from './parse-error.ts';
import { decodeMailboxName } from '../../util/mutf7.ts';

export interface MailboxArg {
  /** Unicode name, "INBOX" in upper case */
  name: string;
  /** the name as sent, for messages */
  raw: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a mailbox name as sent; throws ParseError when it is not valid in the wire encoding. */
export function decodeMailboxArg(bytes: Buffer, utf8Accept: boolean, offset: number): MailboxArg {
  const raw = bytes.toString('utf8');
  let name: string;
  try {
    if (utf8Accept) {
      name = utf8.decode(bytes);
      if (/[\u0000-\u001f\u007f]/.test(name)) throw new Error('control character in mailbox name');
    } else {
      name = decodeMailboxName(bytes.toString('latin1'));
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParseError(`bad mailbox name at position ${offset}: ${reason}`, { offset });
  }
  return { name: name.toUpperCase() === 'INBOX' ? 'INBOX' : name, raw };
}

/** mailbox = "INBOX" / astring */
export function readMailbox(c: Cursor, utf8Accept: boolean): MailboxArg {
  const offset = c.offset;
  return decodeMailboxArg(c.readAString('mailbox name'), utf8Accept, offset);
}

/**
 * A LIST/LSUB reference or pattern: decoded like a name, but a pattern that is not valid modified UTF-7
 * is kept as written rather than refused, since it can only fail to match.
 */
export function decodePattern(bytes: Buffer, utf8Accept: boolean): string {
  try {
    return decodeMailboxArg(bytes, utf8Accept, 0).name;
  } catch {
    return bytes.toString('utf8');
  }
}
