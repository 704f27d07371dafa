// LIST/LSUB name patterns (RFC 3501 §6.3.8): the reference and the pattern are read together; "*" matches
// anything, "%" anything but the hierarchy separator. INBOX matches case-insensitively (RFC 3501 §5.1).
import { HIERARCHY_SEPARATOR } from '../../../store/types.ts';

export interface NamePattern {
  /** does the full name match */
  matches(name: string): boolean;
  /** could a descendant of this name match (for \Noselect parents of LSUB and CHILDINFO) */
  source: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compilePattern(reference: string, pattern: string): NamePattern {
  // RFC 3501 §6.3.8: a pattern that starts at the root ignores the reference
  const source = pattern.startsWith(HIERARCHY_SEPARATOR) || reference === '' ? pattern : reference + pattern;
  const body = [...source].map((ch) => (ch === '*' ? '.*' : ch === '%' ? `[^${escapeRegExp(HIERARCHY_SEPARATOR)}]*` : escapeRegExp(ch))).join('');
  const exact = new RegExp(`^${body}$`, 's');
  const inboxExact = new RegExp(`^${body}$`, 'is');
  return {
    source,
    matches: (name) => exact.test(name) || (name === 'INBOX' && inboxExact.test(name)),
  };
}
