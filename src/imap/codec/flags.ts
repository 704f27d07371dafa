// Message flags in commands (RFC 3501 §2.3.2, §9 "flag", "flag-list").

import { CHAR } from './chars.ts';
import type { Cursor } from './cursor.ts';

/** System flags a client may set; \Recent is only ever reported by the server (RFC 3501 §2.3.2). */
export const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'] as const;
const CANONICAL = new Map<string, string>(SYSTEM_FLAGS.map((f) => [f.toUpperCase(), f]));

/**
 * flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension.
 * System flags are returned in their canonical spelling; keywords as written. Unknown "\Xxx" flags and
 * \Recent are refused, as Dovecot does, rather than stored as meaningless keywords.
 */
export function readFlag(c: Cursor): string {
  if (c.consume(CHAR.BACKSLASH)) {
    const name = `\\${c.readAtom('flag name after "\\"')}`;
    const canonical = CANONICAL.get(name.toUpperCase());
    if (canonical) return canonical;
    c.fail(name.toUpperCase() === '\\RECENT' ? 'the \\Recent flag cannot be set by a client' : `unknown system flag ${name}`);
  }
  return c.readAtom('flag');
}

/** flag-list = "(" [flag *(SP flag)] ")", duplicates removed. */
export function readFlagList(c: Cursor): string[] {
  return unique(c.readList('flag list', () => readFlag(c), true));
}

/** STORE also accepts flags without parentheses: flag *(SP flag) (RFC 3501 §9 store-att-flags). */
export function readStoreFlags(c: Cursor): string[] {
  if (c.peek() === CHAR.LPAREN) return readFlagList(c);
  const flags = [readFlag(c)];
  while (c.maybeSp()) flags.push(readFlag(c));
  return unique(flags);
}

function unique(flags: string[]): string[] {
  return [...new Set(flags)];
}
