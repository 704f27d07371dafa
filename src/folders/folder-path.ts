// Folder names between endpoints: a name at one endpoint becomes a list of name parts (its path below the
// personal namespace prefix, RFC 2342), and a path becomes a name at another endpoint with that endpoint's
// delimiter and prefix. INBOX is one part, named "INBOX" everywhere (RFC 3501 §5.1: case-insensitive).
import type { NamespaceLayout } from '../endpoints/endpoint.ts';

export const INBOX = 'INBOX';

export function isInbox(name: string): boolean {
  return name.toUpperCase() === INBOX;
}

/** "INBOX.Sent.2024" on an INBOX.-prefixed server → ["Sent", "2024"]; "INBOX" → ["INBOX"] */
export function splitFolderName(name: string, layout: NamespaceLayout): string[] {
  if (isInbox(name)) return [INBOX];
  let rest = name;
  if (layout.prefix !== '' && rest.toUpperCase().startsWith(layout.prefix.toUpperCase())) rest = rest.slice(layout.prefix.length);
  const parts = layout.delimiter === null ? [rest] : rest.split(layout.delimiter);
  const path = parts.filter((part) => part !== '');
  if (path.length > 0 && isInbox(path[0]!)) path[0] = INBOX;
  return path.length > 0 ? path : [INBOX];
}

/** The path as a name at an endpoint with this layout; the caller has made each part safe for it. */
export function joinFolderName(path: readonly string[], layout: NamespaceLayout): string {
  if (path.length === 1 && isInbox(path[0]!)) return INBOX;
  const delimiter = layout.delimiter ?? '/';
  return layout.prefix + path.join(delimiter);
}

/** The logical name used by --include/--exclude/--map and in reports: the path joined by "/". */
export function logicalName(path: readonly string[]): string {
  return path.join('/');
}
