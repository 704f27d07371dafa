// Rows → the store's public types.
import type { Selectable } from 'kysely';
import { fromColumns } from '../flags.ts';
import type { MimeInfo } from '../../mime/types.ts';
import type { Account, Alias, Domain, Folder, MessageFlags, MessageMeta, MessageWithMime, SpecialUse } from '../types.ts';
import type { AccountsTable, AliasesTable, DomainsTable, FoldersTable, MessagesTable } from './db-types.ts';

export const MESSAGE_META_COLUMNS = [
  'id', 'folder_id', 'uid', 'modseq', 'seen', 'answered', 'flagged', 'deleted', 'draft', 'keywords',
  'internal_date', 'size', 'sha256', 'message_id', 'bare_lf',
] as const;

export type MessageMetaRow = Pick<Selectable<MessagesTable>, (typeof MESSAGE_META_COLUMNS)[number]>;

export const MESSAGE_FLAG_COLUMNS = ['id', 'folder_id', 'uid', 'modseq', 'seen', 'answered', 'flagged', 'deleted', 'draft', 'keywords'] as const;

export type MessageFlagsRow = Pick<Selectable<MessagesTable>, (typeof MESSAGE_FLAG_COLUMNS)[number]>;

export function toMessageFlags(row: MessageFlagsRow): MessageFlags {
  return { id: row.id, folderId: row.folder_id, uid: Number(row.uid), modseq: Number(row.modseq), flags: fromColumns(row) };
}

export function toDomain(row: Selectable<DomainsTable>): Domain {
  return { id: row.id, name: row.name, createdAt: new Date(Number(row.created_at)) };
}

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id, address: row.address, domainId: row.domain_id, createdAt: new Date(Number(row.created_at)),
    disabled: row.disabled !== 0,
  };
}

export function toAlias(row: Pick<Selectable<AliasesTable>, 'id' | 'source' | 'target'>): Alias {
  return { id: row.id, source: row.source, target: row.target };
}

export function toFolder(row: Selectable<FoldersTable>): Folder {
  return {
    id: row.id, accountId: row.account_id, name: row.name, uidValidity: Number(row.uid_validity),
    uidNext: Number(row.uid_next), highestModseq: Number(row.highest_modseq),
    specialUse: row.special_use as SpecialUse | null, subscribed: row.subscribed !== 0,
  };
}

export function toMessageMeta(row: MessageMetaRow): MessageMeta {
  return {
    id: row.id, folderId: row.folder_id, uid: Number(row.uid), modseq: Number(row.modseq), flags: fromColumns(row),
    internalDate: new Date(Number(row.internal_date)), size: Number(row.size), sha256: row.sha256,
    messageId: row.message_id, bareLf: Number(row.bare_lf),
  };
}

export function toMessageWithMime(row: MessageMetaRow & { mime: string }): MessageWithMime {
  return { ...toMessageMeta(row), mime: JSON.parse(row.mime) as MimeInfo };
}

/** Splits a list so one statement stays well below every engine's parameter limit. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
