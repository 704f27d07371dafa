// Gmail mode: Gmail shows one message under every label it carries, and once more in "[Gmail]/All Mail".
// All Mail is the source of truth: each label becomes a folder at the destination; a message of All Mail that
// no label folder holds (an archived message) goes to the destination's Archive; "[Gmail]/Starred" and
// "[Gmail]/Important" are views, not labels (the star is the \Flagged flag), and are not copied.
import type { FolderInfo } from '../endpoints/endpoint.ts';

export type GmailRole = 'label' | 'all-mail' | 'view';

const VIEW_ATTRIBUTES = new Set(['\\Flagged', '\\Important']);
const VIEW_NAMES = new Set(['[gmail]/starred', '[gmail]/important', '[google mail]/starred', '[google mail]/important']);
const ALL_MAIL_NAMES = new Set(['[gmail]/all mail', '[google mail]/all mail']);

export function gmailRole(folder: FolderInfo, logicalName: string): GmailRole {
  const lower = logicalName.toLowerCase();
  if (folder.specialUse === '\\All' || ALL_MAIL_NAMES.has(lower)) return 'all-mail';
  if ((folder.specialUse && VIEW_ATTRIBUTES.has(folder.specialUse)) || VIEW_NAMES.has(lower)) return 'view';
  return 'label';
}

/** "[Gmail]/Sent Mail" → "Sent Mail": the "[Gmail]" level means nothing at another server. */
export function withoutGmailRoot(path: readonly string[]): string[] {
  return path.length > 1 && /^\[(gmail|google mail)\]$/i.test(path[0]!) ? path.slice(1) : [...path];
}
