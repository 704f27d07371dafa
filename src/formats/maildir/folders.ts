// Maildir++ folder layout (Courier's and Dovecot's default): the root directory is INBOX; every other folder
// is a directory `.A.B` directly under the root, one '.'-separated segment per hierarchy level, each segment in
// modified UTF-7 (RFC 3501 §5.1.3) as Dovecot and Courier write them. Folder paths inside mailferry are
// '/'-separated Unicode.
import { FolderNameError } from '../errors.ts';
import { decodeMailboxName, encodeMailboxName, isValidMutf7 } from '../../util/mutf7.ts';

export const INBOX = 'INBOX';
const MAILDIRPP_SEPARATOR = '.';


/** '.A.B' → 'A/B'; undefined when the directory name is not a Maildir++ folder. */
export function folderOfDirectory(directoryName: string): string | undefined {
  if (!directoryName.startsWith(MAILDIRPP_SEPARATOR) || directoryName === '.' || directoryName === '..') return undefined;
  const segments = directoryName.slice(1).split(MAILDIRPP_SEPARATOR);
  if (segments.some((segment) => segment === '')) return undefined;
  // a segment that is not valid modified UTF-7 (a server set up for raw UTF-8 names) is taken as it is
  return segments.map((segment) => (isValidMutf7(segment) ? decodeMailboxName(segment) : segment)).join('/');
}

/** 'INBOX' → '' (the root itself); 'A/B' → '.A.B'. Throws when a segment holds the Maildir++ separator. */
export function directoryOfFolder(folder: string): string {
  if (folder.toUpperCase() === INBOX) return '';
  const segments = folder.split('/');
  for (const segment of segments) {
    if (segment === '' || segment.includes(MAILDIRPP_SEPARATOR)) {
      throw new FolderNameError(
        `folder "${folder}" cannot be written as a Maildir++ directory: a name part is empty or contains "."`,
      );
    }
  }
  return MAILDIRPP_SEPARATOR + segments.map((segment) => encodeMailboxName(segment)).join(MAILDIRPP_SEPARATOR);
}
