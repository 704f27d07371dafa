// Runs a compiled rules file against one message (RFC 5228 §2.10): actions are collected, "stop" ends the run,
// an explicit keep / fileinto / discard cancels the implicit keep, the same folder is filed into once. Flags
// follow RFC 5232: setflag/addflag/removeflag change an internal variable that keep and fileinto use unless they
// carry their own ":flags".
import { domainPart, localPart, parseAddressList } from './addresses.ts';
import { anyMatches } from './match.ts';
import type { SieveMessage } from './message.ts';
import type { Action, AddressPart, SieveProgram, Test } from './program.ts';

export interface SieveDelivery {
  /** null: keep (the INBOX, or the poll's default folder) */
  folder: string | null;
  flags: string[];
}

export interface SieveOutcome {
  deliveries: SieveDelivery[];
  /** true when the message was discarded and nothing keeps it */
  discarded: boolean;
}

class Run {
  flags: string[] = [];
  readonly deliveries = new Map<string, SieveDelivery>();
  cancelledImplicitKeep = false;
  discarded = false;

  constructor(private readonly message: SieveMessage) {}

  /** false when "stop" was run */
  actions(list: readonly Action[]): boolean {
    for (const action of list) if (!this.action(action)) return false;
    return true;
  }

  private deliver(folder: string | null, flags: string[] | null): void {
    this.cancelledImplicitKeep = true;
    const key = folder === null ? '\u0000keep' : folder;
    const existing = this.deliveries.get(key);
    const wanted = flags ?? this.flags;
    if (existing) existing.flags = union(existing.flags, wanted);
    else this.deliveries.set(key, { folder, flags: [...wanted] });
  }

  private action(action: Action): boolean {
    switch (action.kind) {
      case 'stop':
        return false;
      case 'keep':
        this.deliver(null, action.flags);
        return true;
      case 'fileinto':
        this.deliver(action.folder, action.flags);
        return true;
      case 'discard':
        this.cancelledImplicitKeep = true;
        this.discarded = true;
        return true;
      case 'flags':
        this.flags = action.operation === 'set' ? [...action.flags]
          : action.operation === 'add' ? union(this.flags, action.flags)
            : this.flags.filter((flag) => !action.flags.some((f) => f.toLowerCase() === flag.toLowerCase()));
        return true;
      case 'if':
        for (const branch of action.branches) {
          if (branch.test === null || this.test(branch.test)) return this.actions(branch.body);
        }
        return true;
    }
  }

  private test(test: Test): boolean {
    const message = this.message;
    switch (test.kind) {
      case 'constant': return test.value;
      case 'not': return !this.test(test.test);
      case 'allof': return test.tests.every((t) => this.test(t));
      case 'anyof': return test.tests.some((t) => this.test(t));
      case 'size': return test.over ? message.size > test.limit : message.size < test.limit;
      case 'exists': return test.names.every((name) => message.header(name).length > 0);
      case 'header':
        return anyMatches(test.names.flatMap((name) => message.header(name)), test.keys, test.match, test.comparator);
      case 'address': {
        const addresses = test.names.flatMap((name) => message.header(name).flatMap(parseAddressList));
        return anyMatches(addresses.map((a) => partOf(a, test.part)), test.keys, test.match, test.comparator);
      }
      case 'envelope': {
        const values = test.names.flatMap((name) => (name === 'from' ? (message.envelope.from === null ? [] : [message.envelope.from]) : message.envelope.to));
        return anyMatches(values.map((a) => partOf(a, test.part)), test.keys, test.match, test.comparator);
      }
    }
  }
}

function partOf(address: string, part: AddressPart): string {
  if (part === 'localpart') return localPart(address);
  if (part === 'domain') return domainPart(address);
  return address;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const flag of [...a, ...b]) if (!seen.has(flag.toLowerCase())) seen.set(flag.toLowerCase(), flag);
  return [...seen.values()];
}

export function runSieve(program: SieveProgram, message: SieveMessage): SieveOutcome {
  const run = new Run(message);
  run.actions(program.actions);
  const deliveries = [...run.deliveries.values()];
  // RFC 5228 §2.10.2 implicit keep, with the flags the script left (RFC 5232 §3)
  if (!run.cancelledImplicitKeep) deliveries.push({ folder: null, flags: [...run.flags] });
  return { deliveries, discarded: run.discarded && deliveries.length === 0 };
}
