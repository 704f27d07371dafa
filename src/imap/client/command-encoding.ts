// How command arguments go on the wire (RFC 3501 §4: atom, quoted string, literal; RFC 7888 for
// non-synchronising literals). A command is a list of parts: text (already spaced) and literals.
import type { Readable } from 'node:stream';

/** A literal whose bytes are produced on demand (a file, a blob store stream): size known up front. */
export interface LiteralStreamSource {
  size: number;
  open(): Readable | AsyncIterable<Uint8Array>;
  /**
   * Reads bytes at `position` into the caller's buffer (a file): the writer then sends the literal through one
   * reused buffer per connection instead of a new chunk per read. Resolves with the count read (0 at the end).
   */
  readAt?(buffer: Buffer, position: number): Promise<number>;
}

export type LiteralContent = Buffer | LiteralStreamSource;

export class LiteralPart {
  constructor(readonly content: LiteralContent) {}
  get size(): number {
    return Buffer.isBuffer(this.content) ? this.content.length : this.content.size;
  }
}

/** Text parts are written as UTF-8 (plain ASCII in practice); the caller writes the spaces. */
export type CommandPart = string | LiteralPart;

export function literal(content: LiteralContent): LiteralPart {
  return new LiteralPart(content);
}

const ATOM_SAFE = /^[A-Za-z0-9!#$&'+,\-./:;<=>?@^_`|~[\]]+$/;
const QUOTABLE = /^[\x20-\x7e]*$/;

/** RFC 3501 quoted = DQUOTE *QUOTED-CHAR DQUOTE, with `\` and `"` escaped. */
export function quoted(value: string): string {
  if (!QUOTABLE.test(value)) throw new RangeError('quoted strings hold printable ASCII only');
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The cheapest correct form: a bare atom, else a quoted string, else a literal (8-bit, CR, LF, NUL). */
export function astring(value: string): CommandPart {
  if (ATOM_SAFE.test(value) && value.toUpperCase() !== 'NIL') return value;
  if (QUOTABLE.test(value)) return quoted(value);
  return literal(Buffer.from(value, 'utf8'));
}

/** A string that must not be an atom (SEARCH keys, dates): quoted or literal. */
export function stringArg(value: string): CommandPart {
  return QUOTABLE.test(value) ? quoted(value) : literal(Buffer.from(value, 'utf8'));
}

/** `(\Seen $Label)`: flags are atoms; refuse anything that would break the command line. */
export function flagList(flags: readonly string[]): string {
  for (const flag of flags) {
    if (!/^\\?[^\x00-\x20\x7f-\xff(){%*"\\\]]+$/.test(flag)) throw new RangeError(`not a valid IMAP flag: ${JSON.stringify(flag)}`);
  }
  return `(${flags.join(' ')})`;
}

/** A short text of the command for traces and logs: literals shown as their size, never their bytes. */
export function traceText(parts: readonly CommandPart[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : `{${part.size}}`)).join('');
}
