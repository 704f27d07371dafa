// RFC 5228 §8.2 grammar, recursive descent over the tokens:
//   commands = *command;  command = identifier arguments (";" / block)
//   arguments = *argument [ test / test-list ];  argument = string-list / number / tag
//   test = identifier arguments;  test-list = "(" test *("," test) ")";  block = "{" commands "}"
import type { Argument, CommandNode, TestNode } from './ast.ts';
import { SieveError } from './errors.ts';
import { tokenize, type Token } from './tokens.ts';

/** Nesting deeper than this is refused (a hostile script must not exhaust the stack). */
const MAX_DEPTH = 64;

export function parseSieve(source: string): CommandNode[] {
  const parser = new Parser(tokenize(source));
  const commands = parser.commands(0);
  parser.expectEnd();
  return commands;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end': return 'the end of the script';
    case 'string': return 'a string';
    case 'number': return `number ${token.value}`;
    case 'tag': return `":${token.value}"`;
    case 'identifier': return `"${token.value}"`;
    case 'punct': return `"${token.value}"`;
  }
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.index]!;
  }

  private isPunct(value: string): boolean {
    return this.token.kind === 'punct' && this.token.value === value;
  }

  private expectPunct(value: string, what: string): void {
    if (!this.isPunct(value)) throw new SieveError(this.token.at, `expected "${value}" ${what}, found ${describe(this.token)}`);
    this.index++;
  }

  expectEnd(): void {
    if (this.token.kind !== 'end') throw new SieveError(this.token.at, `expected a command, found ${describe(this.token)}`);
  }

  commands(depth: number): CommandNode[] {
    const list: CommandNode[] = [];
    while (this.token.kind === 'identifier') list.push(this.command(depth));
    return list;
  }

  private command(depth: number): CommandNode {
    const start = this.token as Extract<Token, { kind: 'identifier' }>;
    this.index++;
    const { args, tests } = this.arguments(depth);
    if (this.isPunct(';')) {
      this.index++;
      return { name: start.value, args, tests, block: null, at: start.at };
    }
    if (this.isPunct('{')) {
      if (depth >= MAX_DEPTH) throw new SieveError(this.token.at, `blocks nested more than ${MAX_DEPTH} deep`);
      this.index++;
      const block = this.commands(depth + 1);
      this.expectPunct('}', `to close the block of "${start.value}"`);
      return { name: start.value, args, tests, block, at: start.at };
    }
    throw new SieveError(this.token.at, `expected ";" or "{" after "${start.value}", found ${describe(this.token)}`);
  }

  private arguments(depth: number): { args: Argument[]; tests: TestNode[] } {
    const args: Argument[] = [];
    for (;;) {
      const token = this.token;
      if (token.kind === 'string') {
        args.push({ kind: 'strings', values: [token.value], at: token.at });
        this.index++;
      } else if (token.kind === 'number') {
        args.push({ kind: 'number', value: token.value, at: token.at });
        this.index++;
      } else if (token.kind === 'tag') {
        args.push({ kind: 'tag', name: token.value, at: token.at });
        this.index++;
      } else if (this.isPunct('[')) {
        args.push(this.stringList());
      } else {
        break;
      }
    }
    if (depth >= MAX_DEPTH) throw new SieveError(this.token.at, `tests nested more than ${MAX_DEPTH} deep`);
    if (this.token.kind === 'identifier') return { args, tests: [this.test(depth + 1)] };
    if (this.isPunct('(')) return { args, tests: this.testList(depth + 1) };
    return { args, tests: [] };
  }

  private stringList(): Argument {
    const at = this.token.at;
    this.index++;
    const values: string[] = [];
    for (;;) {
      const token = this.token;
      if (token.kind !== 'string') throw new SieveError(token.at, `expected a string in the list, found ${describe(token)}`);
      values.push(token.value);
      this.index++;
      if (this.isPunct(']')) break;
      this.expectPunct(',', 'between the strings of a list');
    }
    this.index++;
    return { kind: 'strings', values, at };
  }

  private test(depth: number): TestNode {
    const token = this.token;
    if (token.kind !== 'identifier') throw new SieveError(token.at, `expected a test, found ${describe(token)}`);
    this.index++;
    const { args, tests } = this.arguments(depth);
    return { name: token.value, args, tests, at: token.at };
  }

  private testList(depth: number): TestNode[] {
    this.index++;
    const tests = [this.test(depth)];
    while (this.isPunct(',')) {
      this.index++;
      tests.push(this.test(depth));
    }
    this.expectPunct(')', 'to close the list of tests');
    return tests;
  }
}
