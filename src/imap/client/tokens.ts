// The values a server response is made of (RFC 3501 §9 "Formal Syntax"): atoms, strings, NIL and
// parenthesised lists. Quoted strings are kept as latin1 ("binary") strings so that 8-bit bytes survive
// byte-exact; literals stay Buffers (or a spooled file when large) until someone asks for text.
import type { SpooledLiteral } from './literal-spool.ts';

/** An atom, a number, a flag (`\Seen`) or a fetch item name (`BODY[HEADER]<0>`). */
export class Atom {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A literal's bytes: in memory when small, in a temporary file when large (bounded memory). */
export type LiteralValue = Buffer | SpooledLiteral;

/** `string` is a quoted string (latin1-decoded), `null` is NIL. */
export type ImapToken = Atom | string | LiteralValue | null | ImapToken[];

export function isAtom(token: ImapToken | undefined, value?: string): token is Atom {
  if (!(token instanceof Atom)) return false;
  return value === undefined || token.value.toUpperCase() === value;
}

export function isList(token: ImapToken | undefined): token is ImapToken[] {
  return Array.isArray(token);
}

/** Text of an atom, string or in-memory literal; `null` for NIL. Latin1 keeps every byte as one char. */
export function tokenBinaryString(token: ImapToken | undefined): string | null {
  if (token === null || token === undefined) return null;
  if (typeof token === 'string') return token;
  if (token instanceof Atom) return token.value;
  if (Buffer.isBuffer(token)) return token.toString('latin1');
  throw new TypeError('expected a string, found a list or a spooled literal');
}

/** Same as tokenBinaryString, decoded as UTF-8 (for names sent under UTF8=ACCEPT, RFC 6855). */
export function tokenUtf8(token: ImapToken | undefined): string | null {
  const binary = tokenBinaryString(token);
  return binary === null ? null : Buffer.from(binary, 'latin1').toString('utf8');
}

export function tokenNumber(token: ImapToken | undefined): number {
  const text = token instanceof Atom ? token.value : typeof token === 'string' ? token : undefined;
  if (text === undefined || !/^\d+$/.test(text)) throw new TypeError(`expected a number, found ${describe(token)}`);
  return Number(text);
}

export function describe(token: ImapToken | undefined): string {
  if (token === undefined) return 'nothing';
  if (token === null) return 'NIL';
  if (Array.isArray(token)) return 'a list';
  if (token instanceof Atom) return `atom ${token.value.slice(0, 40)}`;
  if (typeof token === 'string') return 'a quoted string';
  return 'a literal';
}
