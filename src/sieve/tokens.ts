// RFC 5228 §2 lexical structure: identifiers, tags (":is"), numbers with K/M/G quantifiers, quoted strings,
// multi-line strings ("text:" … "."), brackets and punctuation; "#" and "/* */" comments are skipped. Each token
// carries the line and column it starts at.
import { SieveError, type SourcePosition } from './errors.ts';

export type Token =
  | { kind: 'identifier'; value: string; at: SourcePosition }
  | { kind: 'tag'; value: string; at: SourcePosition }
  | { kind: 'number'; value: number; at: SourcePosition }
  | { kind: 'string'; value: string; at: SourcePosition }
  | { kind: 'punct'; value: '[' | ']' | '(' | ')' | '{' | '}' | ',' | ';'; at: SourcePosition }
  | { kind: 'end'; at: SourcePosition };

const QUANTIFIERS: Record<string, number> = { k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 };
const PUNCT = new Set(['[', ']', '(', ')', '{', '}', ',', ';']);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): SourcePosition => ({ line, column: index - lineStart + 1 });
  const newline = () => {
    line++;
    lineStart = index;
  };

  while (index < source.length) {
    const char = source[index]!;
    if (char === '\n') {
      index++;
      newline();
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      index++;
      continue;
    }
    const at = here();
    if (char === '#') {
      while (index < source.length && source[index] !== '\n') index++;
      continue;
    }
    if (char === '/' && source[index + 1] === '*') {
      index += 2;
      for (;;) {
        if (index >= source.length) throw new SieveError(at, 'comment "/*" is never closed with "*/"');
        if (source[index] === '*' && source[index + 1] === '/') break;
        index++;
        if (source[index - 1] === '\n') newline();
      }
      index += 2;
      continue;
    }
    if (PUNCT.has(char)) {
      tokens.push({ kind: 'punct', value: char as Extract<Token, { kind: 'punct' }>['value'], at });
      index++;
      continue;
    }
    if (char === '"') {
      index++;
      let value = '';
      for (;;) {
        if (index >= source.length) throw new SieveError(at, 'string is never closed with a double quote');
        const c = source[index]!;
        if (c === '"') break;
        // RFC 5228 §2.4.2: "\" quotes the next character; only \" and \\ are defined, others mean the character
        if (c === '\\' && index + 1 < source.length) {
          value += source[index + 1];
          index += 2;
          if (value.endsWith('\n')) newline();
          continue;
        }
        value += c;
        index++;
        if (c === '\n') newline();
      }
      index++;
      tokens.push({ kind: 'string', value: value.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n'), at });
      continue;
    }
    if (char === ':') {
      const match = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(index, index + 80));
      if (!match) throw new SieveError(at, 'expected a tag name after ":"');
      tokens.push({ kind: 'tag', value: match[1]!.toLowerCase(), at });
      index += match[0].length;
      continue;
    }
    if (/[0-9]/.test(char)) {
      const match = /^([0-9]+)([KkMmGg])?/.exec(source.slice(index, index + 40))!;
      const value = Number(match[1]) * (match[2] ? QUANTIFIERS[match[2].toLowerCase()]! : 1);
      if (!Number.isSafeInteger(value)) throw new SieveError(at, `number ${match[0]} is too large`);
      index += match[0].length;
      if (/[A-Za-z_]/.test(source[index] ?? '')) throw new SieveError(here(), `unexpected "${source[index]}" after number ${match[0]}`);
      tokens.push({ kind: 'number', value, at });
      continue;
    }
    if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(index, index + 200))!;
      index += match[0].length;
      if (match[0].toLowerCase() === 'text' && source[index] === ':') {
        index++;
        tokens.push({ kind: 'string', value: multiLine(), at });
        continue;
      }
      tokens.push({ kind: 'identifier', value: match[0].toLowerCase(), at });
      continue;
    }
    throw new SieveError(at, `unexpected character "${char}"`);
  }
  tokens.push({ kind: 'end', at: here() });
  return tokens;

  // RFC 5228 §2.4.2: "text:" then white space or a comment to the end of the line, then lines up to a line
  // holding only "."; a line starting with ".." loses one dot.
  function multiLine(): string {
    const start = here();
    while (source[index] === ' ' || source[index] === '\t') index++;
    if (source[index] === '#') while (index < source.length && source[index] !== '\n') index++;
    if (source[index] === '\r') index++;
    if (source[index] !== '\n') throw new SieveError(here(), 'expected the end of the line after "text:"');
    index++;
    newline();
    const lines: string[] = [];
    for (;;) {
      if (index >= source.length) throw new SieveError(start, 'multi-line string "text:" is never ended by a line holding only "."');
      const end = source.indexOf('\n', index);
      const raw = source.slice(index, end === -1 ? source.length : end).replace(/\r$/, '');
      index = end === -1 ? source.length : end + 1;
      newline();
      if (raw === '.') break;
      lines.push(raw.startsWith('..') ? raw.slice(1) : raw);
    }
    return lines.map((l) => `${l}\r\n`).join('');
  }
}
