// SPECIAL-USE (RFC 6154): Sent, Drafts, Trash, Junk and Archive land in the destination's own special folders,
// whatever each side calls them. A side that does not advertise the attributes is read by the usual names
// (Outlook's "Sent Items", Apple's "Sent Messages", Gmail's "[Gmail]/Sent Mail"…).
import type { FolderInfo, SpecialUse } from '../endpoints/endpoint.ts';

/** The special uses that are mapped onto the destination's own folder. */
export const MAPPED_SPECIAL_USES: readonly SpecialUse[] = ['\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\Archive'];

const NAMES: Record<string, SpecialUse> = {
  'sent': '\\Sent', 'sent items': '\\Sent', 'sent messages': '\\Sent', 'sent mail': '\\Sent', 'gesendet': '\\Sent',
  'gesendete objekte': '\\Sent', 'envoyés': '\\Sent', 'drafts': '\\Drafts', 'draft': '\\Drafts', 'entwürfe': '\\Drafts',
  'brouillons': '\\Drafts', 'trash': '\\Trash', 'deleted items': '\\Trash', 'deleted messages': '\\Trash', 'bin': '\\Trash',
  'papierkorb': '\\Trash', 'corbeille': '\\Trash', 'junk': '\\Junk', 'spam': '\\Junk', 'junk e-mail': '\\Junk',
  'junk email': '\\Junk', 'bulk mail': '\\Junk', 'archive': '\\Archive', 'archives': '\\Archive', 'archiv': '\\Archive',
};

/** The folder's special use: its attribute, else (for a top-level folder) what its name usually means. */
export function specialUseOf(folder: FolderInfo, path: readonly string[]): SpecialUse | null {
  if (folder.specialUse) return folder.specialUse;
  const topLevel = path.length === 1 || (path.length === 2 && path[0] === '[Gmail]');
  return topLevel ? NAMES[path[path.length - 1]!.toLowerCase()] ?? null : null;
}

/** The destination's folder for each mapped special use: by attribute first, then by name. */
export function destinationSpecialFolders(folders: ReadonlyArray<{ folder: FolderInfo; path: string[] }>): Map<SpecialUse, string> {
  const found = new Map<SpecialUse, string>();
  for (const { folder } of folders) {
    if (folder.specialUse && MAPPED_SPECIAL_USES.includes(folder.specialUse) && !found.has(folder.specialUse)) {
      found.set(folder.specialUse, folder.name);
    }
  }
  for (const { folder, path } of folders) {
    const use = specialUseOf({ ...folder, specialUse: null }, path);
    if (use && MAPPED_SPECIAL_USES.includes(use) && !found.has(use)) found.set(use, folder.name);
  }
  return found;
}
