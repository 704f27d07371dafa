// Turns one complete server response — its lines, each but the last followed by a literal — into an
// ImapResponse (RFC 3501 §7, grammar in §9). Pure: no I/O, no state between responses.
import { ImapSyntaxError } from './errors.ts';
import type { ImapResponse, ResponseCode, TaggedStatus, UntaggedCondition } from './responses.ts';
import { Atom, type ImapToken, type LiteralValue } from './tokens.ts';

/** A response line without its CRLF and without the trailing `{n}` literal marker, plus that literal. */
export interface ResponseSegment {
  line: Buffer;
  literal?: LiteralValue;
}

const SP = 0x20, LPAREN = 0x28, RPAREN = 0x29, DQUOTE = 0x22, BACKSLASH = 0x5c, LBRACKET = 0x5b, RBRACKET = 0x5d;
const TAGGED_STATUS = new Set(['OK', 'NO', 'BAD']);
const UNTAGGED_CONDITIONS = new Set(['OK', 'NO', 'BAD', 'BYE', 'PREAUTH']);
/** Fetch item names whose `[section]` may hold spaces and parentheses (RFC 3501 §7.4.2, RFC 3516). */
const SECTION_ATOM = /^(BODY|BINARY|BINARY\.SIZE|BODY\.PEEK|BINARY\.PEEK)$/i;
const END = Symbol('end of response');

class Cursor {
  private index = 0;
  pos = 0;
  constructor(private readonly segments: ResponseSegment[]) {}

  get line(): Buffer {
    return this.segments[this.index]!.line;
  }
  atLineEnd(): boolean {
    return this.pos >= this.line.length;
  }
  peek(): number {
    return this.pos < this.line.length ? this.line[this.pos]! : -1;
  }
  hasLiteralHere(): boolean {
    return this.atLineEnd() && this.segments[this.index]!.literal !== undefined;
  }
  takeLiteral(): LiteralValue {
    const literal = this.segments[this.index]!.literal!;
    this.index += 1;
    this.pos = 0;
    return literal;
  }
  skipSpaces(): void {
    while (this.peek() === SP) this.pos += 1;
  }
  /** bytes up to the next space (or line end), the space consumed */
  word(): string {
    const start = this.pos;
    while (!this.atLineEnd() && this.peek() !== SP) this.pos += 1;
    const text = this.line.toString('latin1', start, this.pos);
    if (this.peek() === SP) this.pos += 1;
    return text;
  }
  rest(): Buffer {
    const rest = this.line.subarray(this.pos);
    this.pos = this.line.length;
    return rest;
  }
}

export function tokenizeResponse(segments: ResponseSegment[]): ImapResponse {
  const cursor = new Cursor(segments);
  const first = cursor.word();
  if (first === '+') return { kind: 'continuation', text: cursor.rest().toString('utf8') };
  if (first === '*') return untagged(cursor);
  if (first === '') throw new ImapSyntaxError('empty response line');
  const status = cursor.word().toUpperCase();
  if (!TAGGED_STATUS.has(status)) throw new ImapSyntaxError(`tagged response with status ${JSON.stringify(status.slice(0, 20))}`);
  const { code, text } = respText(cursor);
  return { kind: 'tagged', tag: first, status: status as TaggedStatus, code, text };
}

function untagged(cursor: Cursor): ImapResponse {
  const second = cursor.word();
  if (/^\d+$/.test(second)) {
    const type = cursor.word().toUpperCase();
    if (type === 'FETCH') {
      cursor.skipSpaces();
      const items = readToken(cursor);
      if (!Array.isArray(items)) throw new ImapSyntaxError('FETCH response without a parenthesised item list');
      return { kind: 'fetch', seq: Number(second), items };
    }
    return { kind: 'numeric', type, number: Number(second) };
  }
  const type = second.toUpperCase();
  if (UNTAGGED_CONDITIONS.has(type)) {
    const { code, text } = respText(cursor);
    return { kind: 'status', status: type as UntaggedCondition, code, text };
  }
  return { kind: 'data', type, args: readAll(cursor) };
}

/** resp-text = ["[" resp-text-code "]" SP] text (RFC 3501 §9) */
function respText(cursor: Cursor): { code: ResponseCode | null; text: string } {
  let code: ResponseCode | null = null;
  if (cursor.peek() === LBRACKET) {
    cursor.pos += 1;
    const line = cursor.line;
    const nameStart = cursor.pos;
    while (!cursor.atLineEnd() && cursor.peek() !== SP && cursor.peek() !== RBRACKET) cursor.pos += 1;
    const name = line.toString('latin1', nameStart, cursor.pos).toUpperCase();
    let raw = '';
    if (cursor.peek() === SP) {
      cursor.pos += 1;
      const argsStart = cursor.pos;
      skipToClosingBracket(cursor);
      raw = line.toString('latin1', argsStart, cursor.pos);
    }
    if (cursor.peek() === RBRACKET) cursor.pos += 1;
    cursor.skipSpaces();
    code = { name, raw, args: raw ? codeArgs(raw) : [] };
  }
  return { code, text: cursor.rest().toString('utf8') };
}

/** Arguments of codes we do not know may be free text: tokens when they parse, none otherwise. */
function codeArgs(raw: string): ImapToken[] {
  try {
    return readAll(new Cursor([{ line: Buffer.from(raw, 'latin1') }]));
  } catch {
    return [];
  }
}

function skipToClosingBracket(cursor: Cursor): void {
  let depth = 0;
  let quoted = false;
  while (!cursor.atLineEnd()) {
    const c = cursor.peek();
    if (quoted) {
      if (c === BACKSLASH) cursor.pos += 1;
      else if (c === DQUOTE) quoted = false;
    } else if (c === DQUOTE) quoted = true;
    else if (c === LBRACKET) depth += 1;
    else if (c === RBRACKET) {
      if (depth === 0) return;
      depth -= 1;
    }
    cursor.pos += 1;
  }
}

function readAll(cursor: Cursor): ImapToken[] {
  const tokens: ImapToken[] = [];
  for (;;) {
    cursor.skipSpaces();
    if (cursor.peek() === RPAREN) {
      cursor.pos += 1; // a stray ')' at top level: tolerate
      continue;
    }
    const token = readToken(cursor);
    if (token === END) return tokens;
    tokens.push(token);
  }
}

function readToken(cursor: Cursor): ImapToken | typeof END {
  cursor.skipSpaces();
  if (cursor.atLineEnd()) return cursor.hasLiteralHere() ? cursor.takeLiteral() : END;
  const c = cursor.peek();
  if (c === LPAREN) return readList(cursor);
  if (c === DQUOTE) return readQuoted(cursor);
  return readAtom(cursor);
}

function readList(cursor: Cursor): ImapToken[] {
  cursor.pos += 1;
  const items: ImapToken[] = [];
  for (;;) {
    cursor.skipSpaces();
    if (cursor.peek() === RPAREN) {
      cursor.pos += 1;
      return items;
    }
    const token = readToken(cursor);
    if (token === END) throw new ImapSyntaxError('unterminated parenthesised list');
    items.push(token);
  }
}

function readQuoted(cursor: Cursor): string {
  const line = cursor.line;
  const start = ++cursor.pos;
  let escaped = false;
  while (cursor.pos < line.length && line[cursor.pos] !== DQUOTE) {
    if (line[cursor.pos] === BACKSLASH) {
      escaped = true;
      cursor.pos += 1;
    }
    cursor.pos += 1;
  }
  if (cursor.pos >= line.length) throw new ImapSyntaxError('unterminated quoted string');
  const raw = line.toString('latin1', start, cursor.pos);
  cursor.pos += 1;
  return escaped ? raw.replace(/\\(.)/g, '$1') : raw;
}

function readAtom(cursor: Cursor): Atom | null {
  const line = cursor.line;
  const start = cursor.pos;
  while (cursor.pos < line.length) {
    const c = line[cursor.pos]!;
    if (c === SP || c === LPAREN || c === RPAREN) break;
    if (c === LBRACKET && SECTION_ATOM.test(line.toString('latin1', start, cursor.pos))) {
      skipSection(cursor);
      continue;
    }
    cursor.pos += 1;
  }
  if (cursor.pos === start) throw new ImapSyntaxError(`unexpected byte 0x${line[start]!.toString(16)}`);
  const value = line.toString('latin1', start, cursor.pos);
  return value.length === 3 && value.toUpperCase() === 'NIL' ? null : new Atom(value);
}

/** `[HEADER.FIELDS (A B)]` inside a fetch item name: spaces and parentheses belong to the atom. */
function skipSection(cursor: Cursor): void {
  const line = cursor.line;
  let depth = 0;
  while (cursor.pos < line.length) {
    const c = line[cursor.pos++]!;
    if (c === LBRACKET) depth += 1;
    else if (c === RBRACKET && --depth === 0) return;
  }
}
