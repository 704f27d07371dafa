// The message files of one Maildir folder: listing cur/ and new/ by unique name (a message caught mid-rename
// counts once), finding a file again after another program renamed it (flag change, new/ → cur/), and the
// folder's keyword letters (dovecot-keywords, shared with Dovecot and Courier).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { lettersToFlags, parseMaildirName } from '../../formats/maildir/info.ts';
import { readKeywords } from '../../formats/maildir/keywords.ts';
import type { MessageIdentity } from '../endpoint.ts';

export const MESSAGE_DIRS = ['cur', 'new'] as const;

export interface MaildirFile {
  subdir: (typeof MESSAGE_DIRS)[number];
  fileName: string;
  unique: string;
}

export async function listFiles(dir: string): Promise<MaildirFile[]> {
  const files: MaildirFile[] = [];
  const seen = new Set<string>();
  for (const subdir of MESSAGE_DIRS) {
    let names: string[];
    try {
      names = await readdir(join(dir, subdir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const fileName of names) {
      if (fileName.startsWith('.')) continue;
      const { unique } = parseMaildirName(fileName);
      if (seen.has(unique)) continue;
      seen.add(unique);
      files.push({ subdir, fileName, unique });
    }
  }
  // unique names start with the delivery time: name order is close to arrival order
  return files.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}

/** The current path of a message, or undefined when it is gone. */
export async function locate(dir: string, file: MaildirFile): Promise<string | undefined> {
  const listed = join(dir, file.subdir, file.fileName);
  try {
    await stat(listed);
    return listed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const subdir of MESSAGE_DIRS) {
    const names = await readdir(join(dir, subdir)).catch(() => [] as string[]);
    const moved = names.find((name) => parseMaildirName(name).unique === file.unique);
    if (moved !== undefined) return join(dir, subdir, moved);
  }
  return undefined;
}

/** Identities of every message: flags from the info letters and keywords, INTERNALDATE from the mtime. */
export async function* identities(dir: string, files: readonly MaildirFile[]): AsyncIterable<MessageIdentity> {
  const keywords = await readKeywords(dir);
  for (const file of files) {
    let info;
    try {
      info = await stat(join(dir, file.subdir, file.fileName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // renamed or removed meanwhile
      throw error;
    }
    const name = parseMaildirName(file.fileName);
    yield {
      id: file.unique, size: info.size, internalDate: info.mtime,
      flags: lettersToFlags(name.letters, (letter) => keywords.get(letter)),
    };
  }
}
