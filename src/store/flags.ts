// IMAP flags as the store keeps them: the five system flags as integer columns (cheap unseen counts and flag
// searches), keywords as one space-separated text. Callers see one list, as IMAP does (RFC 3501 §2.3.2).
import { StoreError } from './errors.ts';
import type { FlagOperation } from './types.ts';

export const SYSTEM_FLAGS = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft'] as const;
export type SystemFlag = (typeof SYSTEM_FLAGS)[number];

export interface FlagColumns {
  seen: number;
  answered: number;
  flagged: number;
  deleted: number;
  draft: number;
  keywords: string;
}

const SYSTEM_BY_LOWER = new Map<string, SystemFlag>(SYSTEM_FLAGS.map((f) => [f.toLowerCase(), f]));
// RFC 3501 §9: flag-keyword = atom; atom-specials are ( ) { SP CTL % * " \ ]
// eslint-disable-next-line no-control-regex
const ATOM = /^[^(){ \u0000-\u001f\u007f%*"\\\]]+$/;

export interface ParsedFlags {
  system: Set<SystemFlag>;
  /** lower-cased keyword → spelling as first given (keywords compare case-insensitively) */
  keywords: Map<string, string>;
}

/** Validates and splits a flag list; \Recent is session state, not stored, and is ignored. */
export function parseFlags(flags: readonly string[]): ParsedFlags {
  const parsed: ParsedFlags = { system: new Set(), keywords: new Map() };
  for (const flag of flags) {
    if (flag.startsWith('\\')) {
      const system = SYSTEM_BY_LOWER.get(flag.toLowerCase());
      if (system) parsed.system.add(system);
      else if (flag.toLowerCase() !== '\\recent') throw new StoreError('invalid', `unknown system flag "${flag}"`);
    } else if (ATOM.test(flag)) {
      const key = flag.toLowerCase();
      if (!parsed.keywords.has(key)) parsed.keywords.set(key, flag);
    } else {
      throw new StoreError('invalid', `invalid keyword "${flag}": keywords are IMAP atoms`);
    }
  }
  return parsed;
}

export function toColumns(flags: ParsedFlags): FlagColumns {
  const has = (f: SystemFlag) => (flags.system.has(f) ? 1 : 0);
  return {
    seen: has('\\Seen'), answered: has('\\Answered'), flagged: has('\\Flagged'), deleted: has('\\Deleted'),
    draft: has('\\Draft'), keywords: [...flags.keywords.values()].join(' '),
  };
}

export function fromColumns(row: FlagColumns): string[] {
  const list: string[] = [];
  if (row.seen) list.push('\\Seen');
  if (row.answered) list.push('\\Answered');
  if (row.flagged) list.push('\\Flagged');
  if (row.deleted) list.push('\\Deleted');
  if (row.draft) list.push('\\Draft');
  if (row.keywords) list.push(...row.keywords.split(' '));
  return list;
}

function parseColumns(row: FlagColumns): ParsedFlags {
  return parseFlags(fromColumns(row));
}

/** RFC 3501 §6.4.6 STORE: FLAGS replaces, +FLAGS adds, -FLAGS removes. */
export function applyFlagOperation(current: FlagColumns, operation: FlagOperation, change: ParsedFlags): FlagColumns {
  if (operation === 'set') return toColumns(change);
  const next = parseColumns(current);
  for (const flag of change.system) {
    if (operation === 'add') next.system.add(flag);
    else next.system.delete(flag);
  }
  for (const [key, spelling] of change.keywords) {
    if (operation === 'add') {
      if (!next.keywords.has(key)) next.keywords.set(key, spelling);
    } else {
      next.keywords.delete(key);
    }
  }
  return toColumns(next);
}

export function sameFlags(a: FlagColumns, b: FlagColumns): boolean {
  return a.seen === b.seen && a.answered === b.answered && a.flagged === b.flagged && a.deleted === b.deleted
    && a.draft === b.draft && a.keywords === b.keywords;
}
