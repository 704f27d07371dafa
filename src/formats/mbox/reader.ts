// Reads an mbox file (folder INBOX) or a directory of mbox files (one per folder) as a MailSource.
// The file is split in one streaming pass; each message is later streamed back by byte range with its
// From-quoting removed, so neither pass holds a message in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { MailItem, MailSource, ReaderOptions, SourceTotals } from '../types.ts';
import { requoteFromLines } from './escape.ts';
import { folderOfFile, INBOX, isIndexFile } from './folders.ts';
import { MboxSplitter, type MboxMessageRange } from './splitter.ts';

export type MboxVariant = 'mboxrd' | 'mboxo';

export interface MboxReaderOptions extends ReaderOptions {
  /** the path is a directory of mbox files */
  directory: boolean;
  /** quoting convention of the files; mboxrd unless told otherwise */
  variant?: MboxVariant;
}

interface MboxFile {
  folder: string;
  path: string;
}

const READ_CHUNK = 1024 * 1024;

function errorText(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? error);
}

/** Key: offset of the From line and a digest of it — stable while the file is only appended to. */
function keyOf(range: MboxMessageRange): string {
  return `${range.fromOffset}:${createHash('sha256').update(range.fromLine, 'latin1').digest('hex').slice(0, 16)}`;
}

export class MboxSource implements MailSource {
  readonly spec: string;

  constructor(private readonly path: string, private readonly options: MboxReaderOptions) {
    this.spec = `mbox:${path}${options.directory ? '/' : ''}`;
  }

  private problem(path: string, error: unknown): void {
    this.options.onProblem?.({ path, message: errorText(error) });
  }

  async files(): Promise<MboxFile[]> {
    if (!this.options.directory) return [{ folder: INBOX, path: this.path }];
    const found: MboxFile[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        this.problem(dir, error);
        return;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (isIndexFile(entry.name)) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) found.push({ folder: folderOfFile(relative(this.path, path)), path });
      }
    };
    await walk(this.path);
    return found;
  }

  async listFolders(): Promise<string[]> {
    return (await this.files()).map((file) => file.folder);
  }

  async estimate(): Promise<SourceTotals> {
    const totals: SourceTotals = { messages: 0, bytes: 0 };
    for (const file of await this.files()) {
      try {
        totals.bytes += (await stat(file.path)).size;
        totals.messages += await countMessages(file.path);
      } catch {
        // reported when the file is read
      }
    }
    return totals;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<MailItem> {
    for (const file of await this.files()) {
      try {
        yield* this.readFile(file);
      } catch (error) {
        this.problem(file.path, error);
      }
    }
  }

  private async *readFile(file: MboxFile): AsyncIterable<MailItem> {
    const { mtime } = await stat(file.path);
    const splitter = new MboxSplitter();
    const mode = this.options.variant === 'mboxo' ? 'unescape-mboxo' : 'unescape-mboxrd';
    const toItem = (range: MboxMessageRange): MailItem => ({
      folder: file.folder,
      key: keyOf(range),
      flags: range.flags,
      internalDate: range.from.date ?? mtime,
      open: () => requoteFromLines(readRange(file.path, range.start, range.end), mode),
    });
    for await (const chunk of createReadStream(file.path, { highWaterMark: READ_CHUNK })) {
      for (const range of splitter.push(chunk as Buffer)) yield toItem(range);
    }
    for (const range of splitter.finish()) yield toItem(range);
  }
}

async function* readRange(path: string, start: number, end: number): AsyncIterable<Buffer> {
  if (end <= start) return;
  for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: 256 * 1024 })) yield chunk as Buffer;
}

/** Quick count for progress totals: From lines at the file start or after a blank line. */
async function countMessages(path: string): Promise<number> {
  const splitter = new MboxSplitter();
  let count = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) count += splitter.push(chunk as Buffer).length;
  return count + splitter.finish().length;
}
