// Reads a Maildir / Maildir++ tree as a MailSource: the root is INBOX, `.A.B` directories are sub-folders;
// messages come from cur/ and new/ (tmp/ holds deliveries in progress and is skipped). Flags come from the
// file name's info part and the folder's dovecot-keywords; INTERNALDATE from the file's mtime, as Dovecot
// and Courier set it on delivery.
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readMessageFile } from '../read-file.ts';
import type { MailItem, MailSource, ReaderOptions, SourceTotals } from '../types.ts';
import { folderOfDirectory, INBOX } from './folders.ts';
import { lettersToFlags, parseMaildirName } from './info.ts';
import { readKeywords } from './keywords.ts';

const MESSAGE_DIRS = ['cur', 'new'] as const;

interface FolderDir {
  folder: string;
  dir: string;
}

interface ListedFile {
  subdir: (typeof MESSAGE_DIRS)[number];
  fileName: string;
}

function errorText(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? error);
}

async function isMaildir(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'cur'))).isDirectory();
  } catch {
    return false;
  }
}

export class MaildirSource implements MailSource {
  readonly spec: string;

  constructor(private readonly root: string, private readonly options: ReaderOptions = {}) {
    this.spec = `maildir:${root}`;
  }

  private problem(path: string, error: unknown): void {
    this.options.onProblem?.({ path, message: errorText(error) });
  }

  /** INBOX first, then the Maildir++ folders in name order. */
  async folders(): Promise<FolderDir[]> {
    const found: FolderDir[] = [];
    if (await isMaildir(this.root)) found.push({ folder: INBOX, dir: this.root });
    let entries;
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (error) {
      this.problem(this.root, error);
      return found;
    }
    const subfolders: FolderDir[] = [];
    for (const entry of entries) {
      const folder = entry.isDirectory() ? folderOfDirectory(entry.name) : undefined;
      const dir = join(this.root, entry.name);
      if (folder !== undefined && (await isMaildir(dir))) subfolders.push({ folder, dir });
    }
    subfolders.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
    return [...found, ...subfolders];
  }

  /** message files of one folder, each unique name once (a message caught mid-move from new/ to cur/ counts once, from cur/) */
  private async listFiles(folderDir: FolderDir): Promise<ListedFile[]> {
    const files: ListedFile[] = [];
    const seen = new Set<string>();
    for (const subdir of MESSAGE_DIRS) {
      let names: string[];
      try {
        names = await readdir(join(folderDir.dir, subdir));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problem(join(folderDir.dir, subdir), error);
        continue;
      }
      for (const fileName of names) {
        if (fileName.startsWith('.')) continue;
        const { unique } = parseMaildirName(fileName);
        if (seen.has(unique)) continue;
        seen.add(unique);
        files.push({ subdir, fileName });
      }
    }
    // unique names start with the delivery time: name order is close to arrival order
    return files.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  }

  /**
   * Stats a listed message at its current path: a mail server running on the same Maildir may have renamed it
   * (flag change, new/ → cur/) since the listing, so a vanished name is looked up again by its unique part.
   */
  private async locate(dir: string, file: ListedFile): Promise<{ path: string; info: Stats }> {
    const listed = join(dir, file.subdir, file.fileName);
    try {
      return { path: listed, info: await stat(listed) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { unique } = parseMaildirName(file.fileName);
    for (const subdir of MESSAGE_DIRS) {
      const names = await readdir(join(dir, subdir)).catch(() => [] as string[]);
      const moved = names.find((name) => parseMaildirName(name).unique === unique);
      if (moved !== undefined) return { path: join(dir, subdir, moved), info: await stat(join(dir, subdir, moved)) };
    }
    return { path: listed, info: await stat(listed) };
  }

  async listFolders(): Promise<string[]> {
    return (await this.folders()).map((folderDir) => folderDir.folder);
  }

  async estimate(): Promise<SourceTotals> {
    const totals: SourceTotals = { messages: 0, bytes: 0 };
    for (const folderDir of await this.folders()) {
      for (const file of await this.listFiles(folderDir)) {
        totals.messages++;
        const { size } = parseMaildirName(file.fileName);
        totals.bytes += size ?? (await stat(join(folderDir.dir, file.subdir, file.fileName)).catch(() => ({ size: 0 }))).size;
      }
    }
    return totals;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<MailItem> {
    for (const folderDir of await this.folders()) {
      let keywords: Map<string, string>;
      try {
        keywords = await readKeywords(folderDir.dir);
      } catch (error) {
        this.problem(join(folderDir.dir, 'dovecot-keywords'), error);
        keywords = new Map();
      }
      for (const file of await this.listFiles(folderDir)) {
        let path: string;
        let info: Stats;
        try {
          ({ path, info } = await this.locate(folderDir.dir, file));
        } catch (error) {
          this.problem(join(folderDir.dir, file.subdir, file.fileName), error);
          continue;
        }
        const name = parseMaildirName(basename(path));
        const currentPath = path;
        yield {
          folder: folderDir.folder,
          key: name.unique,
          flags: lettersToFlags(name.letters, (letter) => keywords.get(letter)),
          internalDate: info.mtime,
          size: info.size,
          open: () => readMessageFile(currentPath, info.size),
        };
      }
    }
  }
}
