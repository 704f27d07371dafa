// Mailboxes (folders) of one account, as the administrator sees them: counts, unseen, size, special use.
import type { Store } from '../store/store.ts';
import type { FolderSummary, SpecialUse } from '../store/types.ts';
import { AdminError } from './errors.ts';
import { normalizeFolderName } from './names.ts';
import { requireAccount } from './lookup.ts';

export interface MailboxInfo {
  name: string;
  messages: number;
  unseen: number;
  bytes: number;
  specialUse: SpecialUse | null;
  subscribed: boolean;
}

const infoOf = (folder: FolderSummary): MailboxInfo => ({
  name: folder.name,
  messages: folder.messages,
  unseen: folder.unseen,
  bytes: folder.bytes,
  specialUse: folder.specialUse,
  subscribed: folder.subscribed,
});

/** INBOX first, then the others by name. */
export async function listMailboxes(store: Store, address: string): Promise<MailboxInfo[]> {
  const account = await requireAccount(store, address);
  const folders = (await store.summarizeFolders(account.id)).map(infoOf);
  const rank = (name: string): number => (name === 'INBOX' ? 0 : 1);
  return folders.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

export async function createMailbox(store: Store, address: string, name: string): Promise<void> {
  const account = await requireAccount(store, address);
  const folder = normalizeFolderName(name);
  if (await store.getFolder(account.id, folder)) {
    throw new AdminError('exists', `folder "${folder}" already exists in ${account.address}`);
  }
  await store.createFolder(account.id, folder, { subscribed: true });
}

/** Renaming INBOX moves its messages into the new folder and leaves INBOX empty (RFC 3501 §6.3.5). */
export async function renameMailbox(store: Store, address: string, from: string, to: string): Promise<void> {
  const account = await requireAccount(store, address);
  const source = normalizeFolderName(from);
  const target = normalizeFolderName(to);
  if (!(await store.getFolder(account.id, source))) {
    throw new AdminError('not_found', `folder "${source}" does not exist in ${account.address}`,
      `see the folders with: mailferry mailbox list ${account.address}`);
  }
  if (await store.getFolder(account.id, target)) {
    throw new AdminError('exists', `folder "${target}" already exists in ${account.address}`);
  }
  await store.renameFolder(account.id, source, target);
}

export interface DeleteMailboxOptions {
  /** delete the folder even when it still holds messages */
  force?: boolean;
}

/** INBOX cannot be deleted (RFC 3501 §6.3.4); a folder holding mail is kept unless `force` is set. */
export async function deleteMailbox(
  store: Store,
  address: string,
  name: string,
  options: DeleteMailboxOptions = {},
): Promise<void> {
  const account = await requireAccount(store, address);
  const folderName = normalizeFolderName(name);
  if (folderName === 'INBOX') throw new AdminError('invalid', 'INBOX cannot be deleted');
  const summary = (await store.summarizeFolders(account.id)).find((f) => f.name === folderName);
  if (!summary) {
    throw new AdminError('not_found', `folder "${folderName}" does not exist in ${account.address}`,
      `see the folders with: mailferry mailbox list ${account.address}`);
  }
  if (summary.messages > 0 && !options.force) {
    throw new AdminError(
      'conflict',
      `folder "${folderName}" in ${account.address} still holds ${summary.messages} message(s)`,
      'add --force to delete them with it',
    );
  }
  await store.deleteFolder(account.id, folderName);
}
