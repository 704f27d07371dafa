// RFC 5228 §2.7.1 match types over RFC 4790 comparators: "i;octet" compares exactly, "i;ascii-casemap" folds
// ASCII letters only. ":matches" takes "*" (any sequence) and "?" (one character), "\" quoting either.
import type { Comparator, MatchType } from './program.ts';

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

const patterns = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (regex) return regex;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]!);
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += escapeRegex(c);
  }
  regex = new RegExp(`^${source}$`, 'su');
  if (patterns.size > 1000) patterns.clear();
  patterns.set(pattern, regex);
  return regex;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}

export function matches(value: string, key: string, match: MatchType, comparator: Comparator): boolean {
  const [v, k] = comparator === 'i;ascii-casemap' ? [asciiLower(value), asciiLower(key)] : [value, key];
  switch (match) {
    case 'is': return v === k;
    case 'contains': return v.includes(k);
    case 'matches': return globRegex(k).test(v);
  }
}

/** true when any value matches any key */
export function anyMatches(values: readonly string[], keys: readonly string[], match: MatchType, comparator: Comparator): boolean {
  return values.some((value) => keys.some((key) => matches(value, key, match, comparator)));
}
