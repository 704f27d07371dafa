// Writes one .eml file per message: INBOX at the top of the directory, other folders in sub-directories.
// Files are named by a per-folder counter (000001.eml, 000002.eml …, skipping names that exist, so they
// sort in the order written), written to a temporary name, fsynced, given the INTERNALDATE as mtime and
// renamed into place. Flags are not kept: the .eml format has none.
import { mkdir, open, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { FolderNameError } from '../errors.ts';
import { fsyncDirectory } from '../durable.ts';
import type { MailTarget, OutgoingMessage } from '../types.ts';
import { writeAllAndSync } from '../write-stream.ts';


function directoryOf(root: string, folder: string): string {
  if (folder.toUpperCase() === 'INBOX') return root;
  const segments = folder.split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.') || segment.includes('\0'))) {
    throw new FolderNameError(`folder "${folder}" cannot be written as a directory name`);
  }
  return join(root, ...segments);
}

export class EmlTarget implements MailTarget {
  readonly spec: string;
  private readonly counters = new Map<string, number>();

  constructor(private readonly root: string) {
    this.spec = `eml:${root}`;
  }

  async createFolder(folder: string): Promise<void> {
    await mkdir(directoryOf(this.root, folder), { recursive: true });
  }

  async write(message: OutgoingMessage): Promise<void> {
    const dir = directoryOf(this.root, message.folder);
    await mkdir(dir, { recursive: true });
    const temporary = join(dir, `.${process.pid}.tmp`);
    const handle = await open(temporary, 'w', 0o600);
    try {
      await writeAllAndSync(handle, message.body);
    } catch (error) {
      await handle.close();
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await utimes(temporary, message.internalDate, message.internalDate);
    await rename(temporary, await this.freeName(dir));
    await fsyncDirectory(dir);
  }

  private async freeName(dir: string): Promise<string> {
    let counter = this.counters.get(dir) ?? 0;
    for (;;) {
      counter++;
      const path = join(dir, `${String(counter).padStart(6, '0')}.eml`);
      const exists = await stat(path).then(() => true, () => false);
      if (!exists) {
        this.counters.set(dir, counter);
        return path;
      }
    }
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}
