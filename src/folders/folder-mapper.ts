// Which destination folder each source folder goes to. In order: the path below each side's namespace prefix
// (RFC 2342), --include/--exclude, --map (the administrator's word wins), special use (RFC 6154: Sent, Drafts,
// Trash, Junk, Archive land in the destination's own), Gmail's labels (gmail.ts), the destination's prefix
// and delimiter, and name parts made safe for the destination (normalize.ts) — every renaming is reported.
import type { FolderInfo, NamespaceLayout, SpecialUse } from '../endpoints/endpoint.ts';
import { gmailRole, withoutGmailRoot, type GmailRole } from './gmail.ts';
import { INBOX, isInbox, joinFolderName, logicalName, splitFolderName } from './folder-path.ts';
import { applyMapRules, folderFilter, type MapRule } from './name-rules.ts';
import { safePart } from './normalize.ts';
import { destinationSpecialFolders, MAPPED_SPECIAL_USES, specialUseOf } from './special-use.ts';

export type FolderMode = 'standard' | 'gmail' | 'inbox-prefix';

export interface FolderRules {
  mode: FolderMode;
  include: readonly string[];
  exclude: readonly string[];
  maps: readonly MapRule[];
}

export interface FolderMapping {
  source: FolderInfo;
  /** "/"-joined path below the source prefix: what rules and reports name */
  logical: string;
  /** the full destination name (destination delimiter and prefix) */
  dest: string;
  /** special use to create the destination folder with */
  specialUse: SpecialUse | null;
  /** false when the destination already has the folder */
  create: boolean;
  /** Gmail mode: All Mail is handled after the label folders */
  gmail?: GmailRole;
  /** why the name differs from the source's, for the log */
  renamed?: string;
}

export interface FolderMap {
  mappings: FolderMapping[];
  /** logical names left out by --include/--exclude or as Gmail views */
  skipped: string[];
}

export interface MapFoldersInput {
  source: { layout: NamespaceLayout; folders: readonly FolderInfo[] };
  dest: { layout: NamespaceLayout; folders: readonly FolderInfo[] };
  rules: FolderRules;
}

function destLayoutFor(mode: FolderMode, layout: NamespaceLayout): NamespaceLayout {
  // inbox-prefix: the destination keeps every folder below INBOX even when NAMESPACE does not say so
  if (mode !== 'inbox-prefix' || layout.prefix !== '') return layout;
  const delimiter = layout.delimiter ?? '.';
  return { ...layout, prefix: `${INBOX}${delimiter}`, delimiter };
}

export function mapFolders(input: MapFoldersInput): FolderMap {
  const { rules } = input;
  const destLayout = destLayoutFor(rules.mode, input.dest.layout);
  const destFolders = input.dest.folders.map((folder) => ({ folder, path: splitFolderName(folder.name, input.dest.layout) }));
  // names are case-sensitive except INBOX (RFC 3501 §5.1)
  const destNames = new Set(input.dest.folders.map((folder) => (isInbox(folder.name) ? INBOX : folder.name)));
  const special = destinationSpecialFolders(destFolders);
  const filter = folderFilter(rules.include, rules.exclude);
  const mappings: FolderMapping[] = [];
  const skipped: string[] = [];

  for (const folder of input.source.folders) {
    if (!folder.selectable) continue;
    const path = splitFolderName(folder.name, input.source.layout);
    const logical = logicalName(path);
    const role = rules.mode === 'gmail' ? gmailRole(folder, logical) : undefined;
    if (!filter.accepts(logical) || role === 'view') {
      skipped.push(logical);
      continue;
    }
    const reasons: string[] = [];
    let target = rules.mode === 'gmail' ? withoutGmailRoot(path) : path;
    let use = role === 'all-mail' ? '\\Archive' : specialUseOf(folder, path);
    const mapped = applyMapRules(rules.maps, logical);
    let dest: string | undefined;
    if (mapped !== undefined) {
      target = mapped.split('/').filter((part) => part !== '');
      use = null;
      reasons.push('--map');
    } else if (use && MAPPED_SPECIAL_USES.includes(use) && special.has(use)) {
      dest = special.get(use)!;
      if (dest !== folder.name) reasons.push(`special use ${use}`);
    }
    if (dest === undefined) {
      if (target.length === 0) target = [INBOX];
      if (role === 'all-mail') target = ['Archive'];
      const safe = target.map((part, i) => (i === 0 && isInbox(part) ? INBOX : safePart(part, destLayout.delimiter, destLayout.forbidden ?? '')));
      if (safe.some((part, i) => part !== target[i] && !(i === 0 && isInbox(target[i]!)))) reasons.push('characters the destination cannot hold');
      dest = joinFolderName(safe, destLayout);
    }
    mappings.push({
      source: folder, logical, dest, specialUse: use && MAPPED_SPECIAL_USES.includes(use) ? use : null,
      create: !destNames.has(dest),
      ...(role ? { gmail: role } : {}),
      ...(reasons.length > 0 && dest !== folder.name ? { renamed: reasons.join(', ') } : {}),
    });
  }
  return { mappings, skipped };
}
