// Checks a parsed rules file against the supported subset and builds the program: RFC 5228 control commands
// (require, if/elsif/else, stop), actions keep, discard, fileinto (§4.1), the tests header, address, envelope,
// size, exists, allof, anyof, not, true, false (§5), and RFC 5232 imap4flags (setflag, addflag, removeflag,
// :flags). Anything else is refused with its line and column.
import type { Argument, CommandNode, TestNode } from './ast.ts';
import { SieveError, type SourcePosition } from './errors.ts';
import { parseSieve } from './parser.ts';
import type { Action, AddressPart, Comparator, Matching, MatchType, SieveProgram, Test } from './program.ts';

const EXTENSIONS = new Set(['fileinto', 'envelope', 'imap4flags', 'comparator-i;octet', 'comparator-i;ascii-casemap']);
const MATCH_TYPES = new Set<MatchType>(['is', 'contains', 'matches']);
const ADDRESS_PARTS = new Set<AddressPart>(['all', 'localpart', 'domain']);
const COMPARATORS = new Set<Comparator>(['i;ascii-casemap', 'i;octet']);

/** Parses and checks a rules file; throws SieveError naming line and column. */
export function compileSieve(source: string): SieveProgram {
  return new Compiler().program(parseSieve(source));
}

/** Arguments of one command or test, consumed tag by tag, then positionally. */
class Args {
  private index = 0;

  constructor(private readonly list: Argument[], private readonly owner: string, private readonly at: SourcePosition) {}

  nextTag(): Extract<Argument, { kind: 'tag' }> | undefined {
    const arg = this.list[this.index];
    if (arg?.kind !== 'tag') return undefined;
    this.index++;
    return arg;
  }

  strings(what: string): { values: string[]; at: SourcePosition } {
    const arg = this.list[this.index];
    if (arg?.kind !== 'strings') throw new SieveError(arg?.at ?? this.at, `"${this.owner}" expects ${what}${arg ? `, found ${kindOf(arg)}` : ''}`);
    this.index++;
    return arg;
  }

  string(what: string): string {
    const arg = this.strings(what);
    if (arg.values.length !== 1) throw new SieveError(arg.at, `"${this.owner}" expects ${what}, not a list`);
    return arg.values[0]!;
  }

  number(what: string): number {
    const arg = this.list[this.index];
    if (arg?.kind !== 'number') throw new SieveError(arg?.at ?? this.at, `"${this.owner}" expects ${what}${arg ? `, found ${kindOf(arg)}` : ''}`);
    this.index++;
    return arg.value;
  }

  done(): void {
    const extra = this.list[this.index];
    if (extra) throw new SieveError(extra.at, `unexpected ${kindOf(extra)} after the arguments of "${this.owner}"`);
  }
}

function kindOf(arg: Argument): string {
  if (arg.kind === 'tag') return `tag ":${arg.name}"`;
  if (arg.kind === 'number') return `number ${arg.value}`;
  return arg.values.length === 1 ? `string "${arg.values[0]}"` : 'a string list';
}

class Compiler {
  private readonly required = new Set<string>();

  program(commands: CommandNode[]): SieveProgram {
    let index = 0;
    for (; index < commands.length && commands[index]!.name === 'require'; index++) this.require(commands[index]!);
    return { extensions: [...this.required], actions: this.block(commands.slice(index)) };
  }

  private require(node: CommandNode): void {
    if (node.block || node.tests.length > 0) throw new SieveError(node.at, '"require" takes a string list and ends with ";"');
    const args = new Args(node.args, 'require', node.at);
    const list = args.strings('a list of extension names');
    args.done();
    for (const name of list.values) {
      const lower = name.toLowerCase();
      if (!EXTENSIONS.has(lower)) {
        throw new SieveError(list.at, `extension "${name}" is not supported (supported: ${[...EXTENSIONS].filter((e) => !e.startsWith('comparator')).join(', ')})`);
      }
      this.required.add(lower);
    }
  }

  private needs(extension: string, at: SourcePosition, what: string): void {
    if (!this.required.has(extension)) throw new SieveError(at, `${what} needs require "${extension}" at the top of the script`);
  }

  private block(commands: CommandNode[]): Action[] {
    const actions: Action[] = [];
    for (const node of commands) {
      if (node.name === 'elsif' || node.name === 'else') {
        const last = actions[actions.length - 1];
        if (last?.kind !== 'if' || last.branches[last.branches.length - 1]!.test === null) {
          throw new SieveError(node.at, `"${node.name}" without an "if" before it`);
        }
        last.branches.push(this.branch(node, node.name === 'elsif'));
        continue;
      }
      actions.push(this.command(node));
    }
    return actions;
  }

  private branch(node: CommandNode, withTest: boolean): { test: Test | null; body: Action[] } {
    if (!node.block) throw new SieveError(node.at, `"${node.name}" needs a block in braces`);
    new Args(node.args, node.name, node.at).done();
    if (withTest && node.tests.length !== 1) throw new SieveError(node.at, `"${node.name}" needs exactly one test`);
    if (!withTest && node.tests.length > 0) throw new SieveError(node.tests[0]!.at, '"else" takes no test');
    return { test: withTest ? this.test(node.tests[0]!) : null, body: this.block(node.block) };
  }

  private command(node: CommandNode): Action {
    if (node.name === 'require') throw new SieveError(node.at, '"require" must come before every other command');
    if (node.name === 'if') return { kind: 'if', branches: [this.branch(node, true)] };
    if (node.block) throw new SieveError(node.at, `"${node.name}" takes no block`);
    if (node.tests.length > 0) {
      throw new SieveError(node.tests[0]!.at, `unexpected "${node.tests[0]!.name}" after the arguments of "${node.name}" (a ";" missing?)`);
    }
    const args = new Args(node.args, node.name, node.at);
    let action: Action;
    switch (node.name) {
      case 'stop':
      case 'discard':
        action = { kind: node.name };
        break;
      case 'keep':
        action = { kind: 'keep', flags: this.flagsTag(args) };
        break;
      case 'fileinto': {
        this.needs('fileinto', node.at, '"fileinto"');
        const flags = this.flagsTag(args);
        const folder = args.string('a folder name');
        if (folder.trim() === '') throw new SieveError(node.at, '"fileinto" needs a folder name, not an empty string');
        action = { kind: 'fileinto', folder, flags };
        break;
      }
      case 'setflag':
      case 'addflag':
      case 'removeflag': {
        this.needs('imap4flags', node.at, `"${node.name}"`);
        const first = args.strings('a list of flags');
        const next = node.args[1];
        if (next?.kind === 'strings') throw new SieveError(next.at, `"${node.name}" with a variable name needs the "variables" extension, which is not supported`);
        action = { kind: 'flags', operation: node.name.slice(0, -4) as 'set' | 'add' | 'remove', flags: splitFlags(first.values) };
        break;
      }
      default:
        throw new SieveError(node.at, `unknown command "${node.name}"`);
    }
    args.done();
    return action;
  }

  /** RFC 5232 §5: ":flags <list>" on keep and fileinto. */
  private flagsTag(args: Args): string[] | null {
    let flags: string[] | null = null;
    for (let tag = args.nextTag(); tag; tag = args.nextTag()) {
      if (tag.name !== 'flags') throw new SieveError(tag.at, `unknown tag ":${tag.name}"`);
      this.needs('imap4flags', tag.at, '":flags"');
      flags = splitFlags(args.strings('a list of flags after ":flags"').values);
    }
    return flags;
  }

  private test(node: TestNode): Test {
    const args = new Args(node.args, node.name, node.at);
    const noTests = () => {
      if (node.tests.length > 0) throw new SieveError(node.tests[0]!.at, `test "${node.name}" takes no nested test`);
    };
    let test: Test;
    switch (node.name) {
      case 'true':
      case 'false':
        noTests();
        test = { kind: 'constant', value: node.name === 'true' };
        break;
      case 'not':
        if (node.tests.length !== 1) throw new SieveError(node.at, '"not" needs exactly one test');
        test = { kind: 'not', test: this.test(node.tests[0]!) };
        break;
      case 'allof':
      case 'anyof':
        if (node.tests.length === 0) throw new SieveError(node.at, `"${node.name}" needs a list of tests in parentheses`);
        test = { kind: node.name, tests: node.tests.map((t) => this.test(t)) };
        break;
      case 'exists':
        noTests();
        test = { kind: 'exists', names: args.strings('a list of header names').values };
        break;
      case 'size': {
        noTests();
        const tag = args.nextTag();
        if (!tag || (tag.name !== 'over' && tag.name !== 'under')) throw new SieveError(tag?.at ?? node.at, '"size" needs ":over" or ":under"');
        test = { kind: 'size', over: tag.name === 'over', limit: args.number('a size such as 100K') };
        break;
      }
      case 'header':
      case 'address':
      case 'envelope': {
        noTests();
        if (node.name === 'envelope') this.needs('envelope', node.at, 'test "envelope"');
        const { matching, part } = this.matchTags(args, node.name !== 'header');
        const names = args.strings('a list of header names').values;
        const keys = args.strings('a list of keys to match').values;
        const full = { ...matching, keys };
        if (node.name === 'header') test = { kind: 'header', names, ...full };
        else if (node.name === 'address') test = { kind: 'address', part, names, ...full };
        else test = { kind: 'envelope', part, names: envelopeParts(names, node.at), ...full };
        break;
      }
      default:
        throw new SieveError(node.at, `unknown test "${node.name}"`);
    }
    args.done();
    return test;
  }

  private matchTags(args: Args, withPart: boolean): { matching: Omit<Matching, 'keys'>; part: AddressPart } {
    let match: MatchType | undefined;
    let comparator: Comparator | undefined;
    let part: AddressPart | undefined;
    for (let tag = args.nextTag(); tag; tag = args.nextTag()) {
      if (tag.name === 'comparator') {
        if (comparator) throw new SieveError(tag.at, '":comparator" given twice');
        const name = args.string('a comparator name after ":comparator"').toLowerCase();
        if (!COMPARATORS.has(name as Comparator)) throw new SieveError(tag.at, `comparator "${name}" is not supported (i;ascii-casemap, i;octet)`);
        comparator = name as Comparator;
      } else if (MATCH_TYPES.has(tag.name as MatchType)) {
        if (match) throw new SieveError(tag.at, 'only one match type (:is, :contains, :matches) may be given');
        match = tag.name as MatchType;
      } else if (withPart && ADDRESS_PARTS.has(tag.name as AddressPart)) {
        if (part) throw new SieveError(tag.at, 'only one address part (:all, :localpart, :domain) may be given');
        part = tag.name as AddressPart;
      } else if (tag.name === 'regex' || tag.name === 'count' || tag.name === 'value') {
        throw new SieveError(tag.at, `match type ":${tag.name}" is not supported (:is, :contains, :matches)`);
      } else {
        throw new SieveError(tag.at, `unknown tag ":${tag.name}"`);
      }
    }
    return { matching: { match: match ?? 'is', comparator: comparator ?? 'i;ascii-casemap' }, part: part ?? 'all' };
  }
}

function envelopeParts(names: string[], at: SourcePosition): Array<'from' | 'to'> {
  return names.map((name) => {
    const lower = name.toLowerCase();
    if (lower !== 'from' && lower !== 'to') throw new SieveError(at, `envelope part "${name}" is not known (from, to)`);
    return lower;
  });
}

/** RFC 5232 §3: a flag list is space-separated flags in strings; duplicates count once. */
function splitFlags(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) for (const flag of value.split(' ').filter((f) => f !== '')) seen.set(flag.toLowerCase(), flag);
  return [...seen.values()];
}
