// The mailboxes a LIST or LSUB answers (RFC 3501 §6.3.8–6.3.9, RFC 5258 LIST-EXTENDED, RFC 3348 CHILDREN,
// RFC 6154 SPECIAL-USE) with their attributes, in display order.
import type { ListSelection } from '../../codec/index.ts';
import { HIERARCHY_SEPARATOR, type Folder } from '../../../store/types.ts';
import type { NamePattern } from './patterns.ts';

export interface ListedMailbox {
  name: string;
  attributes: string[];
  /** RFC 5258 §3.5 CHILDINFO extended data: why a non-matching parent is listed */
  childInfo: string[];
  folder: Folder | null;
}

export interface ListingOptions {
  patterns: NamePattern[];
  selection: ListSelection;
  returnSubscribed: boolean;
  /** LSUB: a subscribed folder under a name "%" stops at shows that name as \Noselect */
  lsub: boolean;
}

function isAncestor(parent: string, name: string): boolean {
  return name.startsWith(parent + HIERARCHY_SEPARATOR);
}

/** Names of every ancestor of `name`: "a/b/c" → ["a", "a/b"] */
function ancestors(name: string): string[] {
  const parts = name.split(HIERARCHY_SEPARATOR);
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join(HIERARCHY_SEPARATOR));
}

/**
 * `dangling`: subscribed names without a folder (RFC 3501 §6.3.6), listed by LSUB and by LIST (SUBSCRIBED) as
 * \NonExistent (RFC 5258 §3).
 */
export function listMailboxes(folders: readonly Folder[], dangling: readonly string[], options: ListingOptions): ListedMailbox[] {
  const matches = (name: string) => options.patterns.some((p) => p.matches(name));
  const names = folders.map((f) => f.name);
  const hasChildren = (name: string) => names.some((other) => isAncestor(name, other));
  const subscribedOnly = options.selection.subscribed || options.lsub;
  const entries = [
    ...folders.map((folder) => ({ name: folder.name, subscribed: folder.subscribed, specialUse: folder.specialUse, folder })),
    ...(subscribedOnly ? dangling.map((name) => ({ name, subscribed: true, specialUse: null, folder: null })) : []),
  ];
  const out: ListedMailbox[] = [];
  const listed = new Set<string>();

  for (const entry of entries) {
    const attributes = entry.folder ? [hasChildren(entry.name) ? '\\HasChildren' : '\\HasNoChildren'] : ['\\NonExistent'];
    if (entry.specialUse) attributes.push(entry.specialUse);
    if (entry.subscribed && (options.returnSubscribed || options.selection.subscribed)) attributes.push('\\Subscribed');
    const selected = (!subscribedOnly || entry.subscribed) && (!options.selection.specialUse || entry.specialUse !== null);
    if (selected && matches(entry.name)) {
      out.push({ name: entry.name, attributes: options.lsub ? attributes.filter((a) => !a.startsWith('\\Has') && a !== '\\Subscribed' && a !== '\\NonExistent') : attributes, childInfo: [], folder: entry.folder });
      listed.add(entry.name);
    }
  }

  if (options.lsub || options.selection.recursiveMatch) {
    // RFC 3501 §6.3.9 / RFC 5258 §3.5: a parent matching the pattern whose descendant is selected is shown too
    for (const entry of entries) {
      const selected = options.selection.specialUse && !options.lsub ? entry.specialUse !== null : entry.subscribed;
      // a descendant listed in its own right needs no parent to stand for it (as Dovecot reads RFC 5258 §3.5)
      if (!selected || (!options.lsub && matches(entry.name))) continue;
      for (const parent of ancestors(entry.name)) {
        if (listed.has(parent) || !matches(parent)) continue;
        listed.add(parent);
        const exists = folders.find((f) => f.name === parent) ?? null;
        if (options.lsub) {
          out.push({ name: parent, attributes: ['\\Noselect'], childInfo: [], folder: exists });
        } else {
          const attributes = exists ? [hasChildren(parent) ? '\\HasChildren' : '\\HasNoChildren'] : ['\\NonExistent'];
          out.push({ name: parent, attributes, childInfo: [options.selection.specialUse ? 'SPECIAL-USE' : 'SUBSCRIBED'], folder: exists });
        }
      }
    }
  }
  return out;
}
