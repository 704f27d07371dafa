// The checked, typed form of a rules file: what the interpreter runs. Built by compile.ts.

/** RFC 5228 §2.7.1 match types (the relational :count/:value of RFC 5231 are not in this subset). */
export type MatchType = 'is' | 'contains' | 'matches';
/** RFC 4790 comparators every Sieve implementation has (RFC 5228 §2.7.3). */
export type Comparator = 'i;ascii-casemap' | 'i;octet';
/** RFC 5228 §5.1 address parts. */
export type AddressPart = 'all' | 'localpart' | 'domain';

export interface Matching {
  match: MatchType;
  comparator: Comparator;
  keys: string[];
}

export type Test =
  | ({ kind: 'header'; names: string[] } & Matching)
  | ({ kind: 'address'; part: AddressPart; names: string[] } & Matching)
  | ({ kind: 'envelope'; part: AddressPart; names: Array<'from' | 'to'> } & Matching)
  | { kind: 'size'; over: boolean; limit: number }
  | { kind: 'exists'; names: string[] }
  | { kind: 'allof' | 'anyof'; tests: Test[] }
  | { kind: 'not'; test: Test }
  | { kind: 'constant'; value: boolean };

export type Action =
  /** flags: the :flags list (RFC 5232 §5); null = the current internal flags */
  | { kind: 'keep'; flags: string[] | null }
  | { kind: 'fileinto'; folder: string; flags: string[] | null }
  | { kind: 'discard' }
  | { kind: 'stop' }
  /** RFC 5232 §3 setflag / addflag / removeflag on the internal variable */
  | { kind: 'flags'; operation: 'set' | 'add' | 'remove'; flags: string[] }
  | { kind: 'if'; branches: Array<{ test: Test | null; body: Action[] }> };

export interface SieveProgram {
  extensions: string[];
  actions: Action[];
}
