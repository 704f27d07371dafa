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

export function listMailboxes(folders: readonly Folder[], options: ListingOptions): ListedMailbox[] {
  const matches = (name: string) => options.patterns.some((p) => p.matches(name));
  const names = folders.map((f) => f.name);
  const hasChildren = (name: string) => names.some((other) => isAncestor(name, other));
  const subscribedOnly = options.selection.subscribed || options.lsub;
  const out: ListedMailbox[] = [];
  const listed = new Set<string>();

  for (const folder of folders) {
    const attributes = [hasChildren(folder.name) ? '\\HasChildren' : '\\HasNoChildren'];
    if (folder.specialUse) attributes.push(folder.specialUse);
    if (folder.subscribed && (options.returnSubscribed || options.selection.subscribed)) attributes.push('\\Subscribed');
    const selected = (!subscribedOnly || folder.subscribed) && (!options.selection.specialUse || folder.specialUse !== null);
    if (selected && matches(folder.name)) {
      out.push({ name: folder.name, attributes: options.lsub ? attributes.filter((a) => !a.startsWith('\\Has') && a !== '\\Subscribed') : attributes, childInfo: [], folder });
      listed.add(folder.name);
    }
  }

  if (options.lsub || options.selection.recursiveMatch) {
    // RFC 3501 §6.3.9 / RFC 5258 §3.5: a parent matching the pattern whose descendant is selected is shown too
    for (const folder of folders) {
      const selected = options.selection.specialUse && !options.lsub ? folder.specialUse !== null : folder.subscribed;
      // a descendant listed in its own right needs no parent to stand for it (as Dovecot reads RFC 5258 §3.5)
      if (!selected || (!options.lsub && matches(folder.name))) continue;
      for (const parent of ancestors(folder.name)) {
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
