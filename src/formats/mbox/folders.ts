// Layout of a directory of mbox files, one file per folder. We write Thunderbird's layout: folder "A" is the
// file `A`, its child "A/B" is `A.sbd/B` (a folder can then have both messages and children). We read that
// and also plain sub-directories (Dovecot's mbox layout: `A/B`). INBOX is the file `INBOX` (any case) at the top.
// We write Unicode file names as Thunderbird does; names in modified UTF-7 (as Dovecot writes them) are decoded.
import { FolderNameError } from '../errors.ts';
import { decodeMailboxName, isValidMutf7 } from '../../util/mutf7.ts';

export const INBOX = 'INBOX';
const SUBFOLDER_SUFFIX = '.sbd';


/** 'A/B' → 'A.sbd/B' (relative file path) */
export function fileOfFolder(folder: string): string {
  if (folder.toUpperCase() === INBOX) return INBOX;
  const segments = folder.split('/');
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('.') || segment.includes('\0') || segment.endsWith(SUBFOLDER_SUFFIX)) {
      throw new FolderNameError(`folder "${folder}" cannot be written as an mbox file name`);
    }
  }
  return segments.map((segment, index) => (index < segments.length - 1 ? segment + SUBFOLDER_SUFFIX : segment)).join('/');
}

/** 'A.sbd/B' or 'A/B' → 'A/B'; 'inbox' → 'INBOX' */
export function folderOfFile(relativePath: string): string {
  const segments = relativePath.split('/').map((segment, index, all) =>
    index < all.length - 1 && segment.endsWith(SUBFOLDER_SUFFIX) ? segment.slice(0, -SUBFOLDER_SUFFIX.length) : segment,
  );
  if (segments.length === 1 && segments[0]!.toUpperCase() === INBOX) return INBOX;
  return segments.map((segment) => (segment.includes('&') && isValidMutf7(segment) ? decodeMailboxName(segment) : segment)).join('/');
}

/** files in an mbox directory that are mail clients' indexes, not mailboxes */
export function isIndexFile(name: string): boolean {
  return name.startsWith('.') || /\.(msf|index|dat|lock)$/i.test(name) || name.startsWith('dovecot');
}
