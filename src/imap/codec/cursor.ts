// A read position inside a framed command, with the lexical rules of RFC 3501 §9: atoms, quoted strings,
// literals, astrings, numbers. Grammars in grammar/ call it; every failure is a ParseError naming what
// was expected and where.

import { ASTRING_CHAR, ATOM_CHAR, CHAR, LIST_CHAR, QUOTED_CHAR, TAG_CHAR, isDigit } from './chars.ts';
import type { CommandPart, LiteralPart, StreamedPart } from './framed-command.ts';
import { ParseError } from './parse-error.ts';
import { parseSequenceSet } from './sequence-set.ts';
import type { SequenceSet } from './sequence-set.ts';

const SEQUENCE_CHAR = new Uint8Array(256);
for (const ch of '0123456789:,*$') SEQUENCE_CHAR[ch.charCodeAt(0)] = 1;

const MAX_NUMBER = 0xffffffff; // RFC 3501 §9: number is an unsigned 32-bit integer
const MAX_MODSEQ = (1n << 63n) - 1n; // RFC 7162 §7: mod-sequence-value is 1*DIGIT up to 2^63-1

export class Cursor {
  private partIndex = 0;
  private pos = 0;
  private text: Buffer;
  private readonly partOffsets: number[] = [];

  constructor(private readonly parts: CommandPart[]) {
    let offset = 0;
    for (const part of parts) {
      this.partOffsets.push(offset);
      offset += part.kind === 'streamed' ? part.size : part.data.length;
    }
    const first = parts[0];
    this.text = first && first.kind === 'text' ? first.data : Buffer.alloc(0);
  }

  /** Byte offset in the command, counting text and literal bytes, for error messages. */
  get offset(): number {
    return (this.partOffsets[this.partIndex] ?? 0) + this.pos;
  }

  fail(message: string): never {
    throw new ParseError(`${message} at position ${this.offset}`, { offset: this.offset });
  }

  /** The next byte of the current line, or -1 at its end (end of command, or a literal comes next). */
  peek(): number {
    return this.pos < this.text.length ? this.text[this.pos] : -1;
  }

  peekAt(ahead: number): number {
    const at = this.pos + ahead;
    return at < this.text.length ? this.text[at] : -1;
  }

  /** True when a literal is the next token. */
  atLiteral(): boolean {
    return this.pos >= this.text.length && this.partIndex + 1 < this.parts.length;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length && this.partIndex + 1 >= this.parts.length;
  }

  expectEnd(): void {
    if (this.atEnd()) return;
    if (this.atLiteral()) this.fail('unexpected literal');
    if (this.peek() >= 0x80) this.fail('8-bit byte outside a quoted string or literal');
    this.fail(`unexpected "${this.describeNext()}"`);
  }

  skip(): void {
    this.pos++;
  }

  /** Consumes `byte` when it is next. */
  consume(byte: number): boolean {
    if (this.peek() !== byte) return false;
    this.pos++;
    return true;
  }

  expect(byte: number, what: string): void {
    if (!this.consume(byte)) this.fail(`expected ${what}`);
  }

  sp(after?: string): void {
    if (!this.consume(CHAR.SP)) this.fail(after ? `expected SP after ${after}` : 'expected SP');
  }

  /** Consumes SP when it is next (for optional trailing arguments). */
  maybeSp(): boolean {
    return this.consume(CHAR.SP);
  }

  /** Bytes while `table` accepts them (possibly none). */
  readWhile(table: Uint8Array): Buffer {
    const start = this.pos;
    while (this.pos < this.text.length && table[this.text[this.pos]] === 1) this.pos++;
    return this.text.subarray(start, this.pos);
  }

  /** atom = 1*ATOM-CHAR */
  readAtom(what = 'atom'): string {
    const bytes = this.readWhile(ATOM_CHAR);
    if (bytes.length === 0) this.fail(`expected ${what}`);
    return bytes.toString('latin1');
  }

  /** tag = 1*<any ASTRING-CHAR except "+"> */
  readTag(): string {
    const bytes = this.readWhile(TAG_CHAR);
    if (bytes.length === 0) this.fail('expected tag');
    return bytes.toString('latin1');
  }

  /** A keyword such as a command name or SEARCH key: an atom compared case-insensitively. */
  readKeyword(what: string): string {
    return this.readAtom(what).toUpperCase();
  }

  /** Letters, digits and dots: FETCH attribute names stop before "[" and "<", which ATOM-CHAR allows. */
  readFetchWord(): string {
    const start = this.pos;
    for (let b = this.peek(); (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || isDigit(b) || b === CHAR.DOT || b === CHAR.MINUS; b = this.peek()) this.pos++;
    if (this.pos === start) this.fail('expected a FETCH attribute');
    return this.text.toString('latin1', start, this.pos).toUpperCase();
  }

  /** number = 1*DIGIT, unsigned 32-bit. */
  readNumber(what = 'number'): number {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    if (this.pos === start) this.fail(`expected ${what}`);
    if (this.pos - start > 10) this.fail(`${what} too large`);
    const value = Number(this.text.toString('latin1', start, this.pos));
    if (value > MAX_NUMBER) this.fail(`${what} too large`);
    return value;
  }

  /** nz-number: a number other than 0. */
  readNzNumber(what = 'non-zero number'): number {
    const start = this.offset;
    const value = this.readNumber(what);
    if (value === 0) throw new ParseError(`${what} must not be 0 at position ${start}`, { offset: start });
    return value;
  }

  /** mod-sequence-value (RFC 7162 §7): up to 2^63-1; `allowZero` for mod-sequence-valzer. */
  readModSeq(allowZero: boolean, what = 'mod-sequence'): bigint {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    if (this.pos === start) this.fail(`expected ${what}`);
    if (this.pos - start > 19) this.fail(`${what} too large`);
    const value = BigInt(this.text.toString('latin1', start, this.pos));
    if (value > MAX_MODSEQ) this.fail(`${what} too large`);
    if (value === 0n && !allowZero) this.fail(`${what} must not be 0`);
    return value;
  }

  /** sequence-set (RFC 3501 §9) or "$" (RFC 5182). */
  readSequenceSet(what = 'sequence set'): SequenceSet {
    const start = this.offset;
    const text = this.readWhile(SEQUENCE_CHAR).toString('latin1');
    if (text.length === 0) this.fail(`expected ${what}`);
    try {
      return parseSequenceSet(text);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      const at = start + (error.offset ?? 0);
      throw new ParseError(`${error.message} at position ${at}`, { offset: at });
    }
  }

  /** quoted = DQUOTE *QUOTED-CHAR DQUOTE, with \" and \\ escapes (RFC 3501 §4.3). */
  readQuoted(): Buffer {
    this.expect(CHAR.DQUOTE, 'quoted string');
    const start = this.pos;
    let escaped = false;
    for (let i = this.pos; i < this.text.length; i++) {
      const b = this.text[i];
      if (b === CHAR.BACKSLASH) {
        escaped = true;
        const next = this.text[i + 1];
        if (next !== CHAR.DQUOTE && next !== CHAR.BACKSLASH) {
          this.pos = i;
          this.fail('a backslash in a quoted string may only escape " or \\');
        }
        i++;
      } else if (b === CHAR.DQUOTE) {
        this.pos = i + 1;
        const raw = this.text.subarray(start, i);
        return escaped ? unescapeQuoted(raw) : raw;
      } else if (QUOTED_CHAR[b] !== 1) {
        this.pos = i;
        this.fail(b === 0 ? 'NUL in quoted string' : 'CR or LF in quoted string');
      }
    }
    this.pos = this.text.length;
    return this.fail('quoted string not closed');
  }

  /** The next part when it is a literal, stepping over it to the text that follows. */
  readLiteralPart(): LiteralPart | StreamedPart {
    if (!this.atLiteral()) this.fail('expected literal');
    const part = this.parts[this.partIndex + 1] as LiteralPart | StreamedPart;
    this.partIndex += 2;
    this.pos = 0;
    const next = this.parts[this.partIndex];
    this.text = next && next.kind === 'text' ? next.data : Buffer.alloc(0);
    return part;
  }

  /** A literal held in memory; a streamed one is only acceptable as an APPEND message. */
  readLiteral(what: string): Buffer {
    const at = this.offset;
    const part = this.readLiteralPart();
    if (part.kind === 'streamed') throw new ParseError(`literal too large for ${what} at position ${at}`, { offset: at });
    if (!part.binary) return part.data;
    // RFC 3516 §4.2: literal8 is only allowed for APPEND content.
    throw new ParseError(`literal8 not allowed for ${what} at position ${at}`, { offset: at });
  }

  /** string = quoted / literal */
  readString(what = 'string'): Buffer {
    if (this.peek() === CHAR.DQUOTE) return this.readQuoted();
    if (this.atLiteral()) return this.readLiteral(what);
    return this.fail(`expected ${what} as quoted string or literal`);
  }

  /** astring = 1*ASTRING-CHAR / string */
  readAString(what = 'astring'): Buffer {
    if (this.peek() === CHAR.DQUOTE || this.atLiteral()) return this.readString(what);
    const bytes = this.readWhile(ASTRING_CHAR);
    if (bytes.length === 0) this.fail(`expected ${what}`);
    return bytes;
  }

  /** nstring = string / nil */
  readNString(what = 'nstring'): Buffer | null {
    if (this.readNil()) return null;
    return this.readString(what);
  }

  /** Consumes the atom NIL when it is next (case-insensitive). */
  readNil(): boolean {
    if (!this.lookingAtWord('NIL')) return false;
    this.pos += 3;
    return true;
  }

  /** list-mailbox = 1*list-char / string (RFC 3501 §9, LIST and LSUB patterns) */
  readListMailbox(): Buffer {
    if (this.peek() === CHAR.DQUOTE || this.atLiteral()) return this.readString('mailbox pattern');
    const bytes = this.readWhile(LIST_CHAR);
    if (bytes.length === 0) this.fail('expected mailbox pattern');
    return bytes;
  }

  /** True when the next atom is `word` (upper-case; matched case-insensitively); consumes nothing. */
  lookingAtWord(word: string): boolean {
    const end = this.pos + word.length;
    if (end > this.text.length) return false;
    if (this.text.toString('latin1', this.pos, end).toUpperCase() !== word) return false;
    return end === this.text.length || ATOM_CHAR[this.text[end]] !== 1;
  }

  /** Parses a "(" item *(SP item) ")" list; `allowEmpty` for "()". */
  readList<T>(what: string, item: () => T, allowEmpty = false): T[] {
    this.expect(CHAR.LPAREN, `"(" to open ${what}`);
    const items: T[] = [];
    if (this.consume(CHAR.RPAREN)) {
      if (!allowEmpty) this.fail(`empty ${what}`);
      return items;
    }
    for (;;) {
      items.push(item());
      if (this.consume(CHAR.RPAREN)) return items;
      this.sp(`an item of ${what}`);
    }
  }

  describeNext(): string {
    return this.text.toString('latin1', this.pos, Math.min(this.text.length, this.pos + 12)).replace(/[^\x20-\x7e]/g, '?');
  }
}

function unescapeQuoted(raw: Buffer): Buffer {
  const out = Buffer.allocUnsafe(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === CHAR.BACKSLASH) i++;
    out[length++] = raw[i];
  }
  return out.subarray(0, length);
}
