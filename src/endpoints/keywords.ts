// Which flags can travel as IMAP keywords. RFC 3501 §9: flag-keyword = atom, and an atom holds no
// atom-specials ( ) { SP CTL % * " \ ] — nor, in practice, 8-bit bytes (servers refuse them).

// eslint-disable-next-line no-control-regex
const ATOM = /^[^\x00-\x20\x7f-\uffff(){%*"\\\]]+$/;

export function isAtomKeyword(keyword: string): boolean {
  return ATOM.test(keyword);
}

export function isSystemFlag(flag: string): boolean {
  return flag.startsWith('\\');
}

/** Case-insensitive identity of a flag (RFC 3501 §2.3.2: flags and keywords compare without case). */
export function flagKey(flag: string): string {
  return flag.toLowerCase();
}

/** The flags as one comparable key: lower-case, sorted, \Recent left out. */
export function flagSetKey(flags: readonly string[]): string {
  return [...new Set(flags.map(flagKey).filter((flag) => flag !== '\\recent'))].sort().join(' ');
}

export function sameFlagSet(a: readonly string[], b: readonly string[]): boolean {
  return flagSetKey(a) === flagSetKey(b);
}
