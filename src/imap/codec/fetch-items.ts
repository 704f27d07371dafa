// FETCH attributes (RFC 3501 §6.4.5, §9 "fetch-att"; RFC 3516 BINARY; RFC 7162 MODSEQ): the AST, its
// parser, and the name under which each item is returned in a FETCH response (RFC 3501 §7.4.2).

import { ATOM_CHAR, CHAR, isDigit } from './chars.ts';
import type { Cursor } from './cursor.ts';

/** Attributes without arguments. BODY alone is the non-extensible BODYSTRUCTURE. */
export type SimpleFetchAttribute =
  | 'ENVELOPE'
  | 'FLAGS'
  | 'INTERNALDATE'
  | 'RFC822'
  | 'RFC822.HEADER'
  | 'RFC822.SIZE'
  | 'RFC822.TEXT'
  | 'BODY'
  | 'BODYSTRUCTURE'
  | 'UID'
  | 'MODSEQ';

export type SectionText = 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';

/** section-spec: `part` is the MIME part path ([] for the whole message); `fields` for HEADER.FIELDS(.NOT). */
export interface Section {
  part: number[];
  text: SectionText | null;
  fields: string[] | null;
}

/** "<start.length>" */
export interface PartialRange {
  start: number;
  length: number;
}

export type FetchItem =
  | { kind: 'attribute'; name: SimpleFetchAttribute }
  | { kind: 'body-section'; peek: boolean; section: Section; partial: PartialRange | null }
  | { kind: 'binary'; peek: boolean; part: number[]; partial: PartialRange | null }
  | { kind: 'binary-size'; part: number[] };

export type FetchMacro = 'ALL' | 'FAST' | 'FULL';

const SIMPLE = new Set<string>(['ENVELOPE', 'FLAGS', 'INTERNALDATE', 'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'BODY', 'BODYSTRUCTURE', 'UID', 'MODSEQ']);

const attribute = (name: SimpleFetchAttribute): FetchItem => ({ kind: 'attribute', name });

/** RFC 3501 §6.4.5 macros. */
export const FETCH_MACROS: Record<FetchMacro, FetchItem[]> = {
  FAST: [attribute('FLAGS'), attribute('INTERNALDATE'), attribute('RFC822.SIZE')],
  ALL: [attribute('FLAGS'), attribute('INTERNALDATE'), attribute('RFC822.SIZE'), attribute('ENVELOPE')],
  FULL: [attribute('FLAGS'), attribute('INTERNALDATE'), attribute('RFC822.SIZE'), attribute('ENVELOPE'), attribute('BODY')],
};

/** section-part = nz-number *("." nz-number) */
function readPart(c: Cursor): number[] {
  const part = [c.readNzNumber('section part number')];
  while (c.peek() === CHAR.DOT && isDigit(c.peekAt(1))) {
    c.skip();
    part.push(c.readNzNumber('section part number'));
  }
  return part;
}

/** header-list = "(" header-fld-name *(SP header-fld-name) ")"; field names are printable ASCII without ":". */
function readHeaderList(c: Cursor): string[] {
  return c.readList('header field list', () => {
    const name = c.readAString('header field name').toString('latin1');
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) c.fail(`invalid header field name "${name}"`);
    return name;
  });
}

// section = "[" [section-spec] "]"; section-spec = section-msgtext / (section-part ["." section-text])
function readSection(c: Cursor): Section {
  c.expect(CHAR.LBRACKET, '"["');
  const section: Section = { part: [], text: null, fields: null };
  if (c.consume(CHAR.RBRACKET)) return section;
  if (isDigit(c.peek())) {
    section.part = readPart(c);
    if (c.consume(CHAR.RBRACKET)) return section;
    c.expect(CHAR.DOT, '"." or "]" after section part');
  }
  const word = c.readFetchWord();
  if (word === 'HEADER' || word === 'TEXT' || (word === 'MIME' && section.part.length > 0)) {
    section.text = word;
  } else if (word === 'HEADER.FIELDS' || word === 'HEADER.FIELDS.NOT') {
    section.text = word;
    c.sp(word);
    section.fields = readHeaderList(c);
  } else {
    c.fail(word === 'MIME' ? 'MIME needs a section part' : `unknown section text ${word}`);
  }
  c.expect(CHAR.RBRACKET, '"]" to close section');
  return section;
}

// "<" number "." nz-number ">" (RFC 3501 §6.4.5)
function readPartial(c: Cursor): PartialRange | null {
  if (!c.consume(CHAR.LANGLE)) return null;
  const start = c.readNumber('partial start');
  c.expect(CHAR.DOT, '"." in partial range');
  const length = c.readNzNumber('partial length');
  c.expect(CHAR.RANGLE, '">" to close partial range');
  return { start, length };
}

// section-binary = "[" [section-part] "]" (RFC 3516 §4.3)
function readBinarySection(c: Cursor): number[] {
  c.expect(CHAR.LBRACKET, '"["');
  if (c.consume(CHAR.RBRACKET)) return [];
  const part = readPart(c);
  c.expect(CHAR.RBRACKET, '"]" to close binary section');
  return part;
}

/** One fetch-att. */
export function readFetchItem(c: Cursor): FetchItem {
  const word = c.readFetchWord();
  if (word === 'BODY' || word === 'BODY.PEEK') {
    if (c.peek() === CHAR.LBRACKET) {
      const section = readSection(c);
      return { kind: 'body-section', peek: word === 'BODY.PEEK', section, partial: readPartial(c) };
    }
    if (word === 'BODY.PEEK') c.fail('BODY.PEEK needs a section');
  } else if (word === 'BINARY' || word === 'BINARY.PEEK') {
    const part = readBinarySection(c);
    return { kind: 'binary', peek: word === 'BINARY.PEEK', part, partial: readPartial(c) };
  } else if (word === 'BINARY.SIZE') {
    return { kind: 'binary-size', part: readBinarySection(c) };
  }
  if (!SIMPLE.has(word)) c.fail(`unknown FETCH attribute ${word}`);
  if (ATOM_CHAR[c.peek()] === 1) c.fail(`unexpected character after ${word}`);
  return attribute(word as SimpleFetchAttribute);
}

/** "ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")" */
export function readFetchItems(c: Cursor): { items: FetchItem[]; macro: FetchMacro | null } {
  if (c.peek() === CHAR.LPAREN) return { items: c.readList('FETCH attribute list', () => readFetchItem(c)), macro: null };
  for (const macro of ['ALL', 'FAST', 'FULL'] as const) {
    if (c.lookingAtWord(macro)) {
      c.readAtom();
      return { items: FETCH_MACROS[macro], macro };
    }
  }
  return { items: [readFetchItem(c)], macro: null };
}

function formatField(name: string): string {
  const bare = [...name].every((ch) => ATOM_CHAR[ch.charCodeAt(0)] === 1);
  return bare ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** The section spec inside the brackets, e.g. "1.2.HEADER.FIELDS (From To)". */
export function formatSection(section: Section): string {
  const parts: string[] = [];
  if (section.part.length > 0) parts.push(section.part.join('.'));
  if (section.text) parts.push(section.text);
  let spec = parts.join('.');
  if (section.fields) spec += ` (${section.fields.map(formatField).join(' ')})`;
  return spec;
}

/**
 * The name an item is returned under (RFC 3501 §7.4.2): BODY.PEEK is answered as BODY, and a partial
 * range shows only its origin: "BODY[HEADER]<0>".
 */
export function fetchItemResponseName(item: FetchItem): string {
  switch (item.kind) {
    case 'attribute':
      return item.name;
    case 'body-section':
      return `BODY[${formatSection(item.section)}]${item.partial ? `<${item.partial.start}>` : ''}`;
    case 'binary':
      return `BINARY[${item.part.join('.')}]${item.partial ? `<${item.partial.start}>` : ''}`;
    case 'binary-size':
      return `BINARY.SIZE[${item.part.join('.')}]`;
  }
}

/** True when fetching the item sets \Seen (RFC 3501 §6.4.5: BODY[...], BINARY[...], RFC822, RFC822.TEXT). */
export function fetchItemSetsSeen(item: FetchItem): boolean {
  if (item.kind === 'body-section' || item.kind === 'binary') return !item.peek;
  return item.kind === 'attribute' && (item.name === 'RFC822' || item.name === 'RFC822.TEXT');
}
