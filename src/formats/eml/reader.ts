// Reads a directory of .eml files (one raw message each, as mail clients save them) as a MailSource.
// Files at the top are INBOX; sub-directories become folders ('a/b'). The key is the path relative to the
// top; INTERNALDATE is the file's mtime; .eml files carry no flags.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { readMessageFile } from '../read-file.ts';
import type { MailItem, MailSource, ReaderOptions, SourceTotals } from '../types.ts';

export const INBOX = 'INBOX';

interface EmlFile {
  folder: string;
  path: string;
  key: string;
}

function errorText(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? error);
}

export class EmlSource implements MailSource {
  readonly spec: string;

  constructor(private readonly root: string, private readonly options: ReaderOptions = {}) {
    this.spec = `eml:${root}`;
  }

  /** walks one directory at a time so a huge tree is never listed whole */
  private async *files(dir = this.root): AsyncIterable<EmlFile> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.options.onProblem?.({ path: dir, message: errorText(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const folderPath = relative(this.root, dir).split(sep).join('/');
    for (const entry of entries) {
      if (entry.isFile() && entry.name.toLowerCase().endsWith('.eml')) {
        const path = join(dir, entry.name);
        yield { folder: folderPath === '' ? INBOX : folderPath, path, key: relative(this.root, path).split(sep).join('/') };
      }
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) yield* this.files(join(dir, entry.name));
    }
  }

  /** INBOX and every sub-directory (not hidden ones), empty or not */
  async listFolders(): Promise<string[]> {
    const folders = [INBOX];
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        folders.push(relative(this.root, path).split(sep).join('/'));
        await walk(path);
      }
    };
    await walk(this.root);
    return folders;
  }

  async estimate(): Promise<SourceTotals> {
    const totals: SourceTotals = { messages: 0, bytes: 0 };
    for await (const file of this.files()) {
      totals.messages++;
      totals.bytes += (await stat(file.path).catch(() => ({ size: 0 }))).size;
    }
    return totals;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<MailItem> {
    for await (const file of this.files()) {
      let info;
      try {
        info = await stat(file.path);
      } catch (error) {
        this.options.onProblem?.({ path: file.path, message: errorText(error) });
        continue;
      }
      yield {
        folder: file.folder,
        key: file.key,
        flags: [],
        internalDate: info.mtime,
        size: info.size,
        open: () => readMessageFile(file.path, info.size),
      };
    }
  }
}
