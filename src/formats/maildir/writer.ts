// Writes messages into a Maildir++ tree the way Dovecot does: each file goes to tmp/, is fsynced, gets its
// INTERNALDATE as mtime, and is renamed into cur/ with ",S=<size>" and its flags in the ":2," info; the
// directory is fsynced so the name survives a crash. Keywords get letters in the folder's dovecot-keywords.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fsyncDirectory } from '../durable.ts';
import type { MailTarget, OutgoingMessage, ReaderOptions } from '../types.ts';
import { writeAllAndSync } from '../write-stream.ts';
import { directoryOfFolder } from './folders.ts';
import { flagsToLetters } from './info.ts';
import { KeywordTable } from './keywords.ts';

/** Host part of Maildir unique names: '/' and ':' are escaped as the Maildir spec asks. */
const HOST = hostname().replace(/\//g, '\\057').replace(/:/g, '\\072');

interface OpenFolder {
  dir: string;
  keywords: KeywordTable;
  /** keywords already reported as dropped (a folder holds at most 26) */
  dropped: Set<string>;
}

export class MaildirTarget implements MailTarget {
  readonly spec: string;
  private readonly folders = new Map<string, Promise<OpenFolder>>();
  private sequence = 0;
  private readonly nonce = randomBytes(3).toString('hex');

  constructor(private readonly root: string, private readonly options: ReaderOptions = {}) {
    this.spec = `maildir:${root}`;
  }

  private folder(name: string): Promise<OpenFolder> {
    let folder = this.folders.get(name);
    if (folder === undefined) {
      folder = this.openFolder(name);
      folder.catch(() => this.folders.delete(name));
      this.folders.set(name, folder);
    }
    return folder;
  }

  private async openFolder(name: string): Promise<OpenFolder> {
    const dir = join(this.root, directoryOfFolder(name));
    for (const subdir of ['tmp', 'new', 'cur']) await mkdir(join(dir, subdir), { recursive: true });
    // Maildir++: a sub-folder carries an empty "maildirfolder" file
    if (dir !== this.root) await writeFile(join(dir, 'maildirfolder'), '', { flag: 'a' });
    return { dir, keywords: await KeywordTable.load(dir), dropped: new Set() };
  }

  private uniqueName(): string {
    const now = Date.now();
    const seconds = Math.floor(now / 1000);
    const micros = (now % 1000) * 1000;
    return `${seconds}.M${micros}P${process.pid}Q${++this.sequence}R${this.nonce}.${HOST}`;
  }

  async createFolder(name: string): Promise<void> {
    await this.folder(name);
  }

  async write(message: OutgoingMessage): Promise<void> {
    const folder = await this.folder(message.folder);
    const letters = await this.lettersFor(message, folder);
    const unique = this.uniqueName();
    const temporary = join(folder.dir, 'tmp', unique);
    const handle = await open(temporary, 'wx', 0o600);
    let size: number;
    try {
      size = await writeAllAndSync(handle, message.body);
    } catch (error) {
      await handle.close();
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await utimes(temporary, message.internalDate, message.internalDate);
    await rename(temporary, join(folder.dir, 'cur', `${unique},S=${size}:2,${letters}`));
    await fsyncDirectory(join(folder.dir, 'cur'));
  }

  private async lettersFor(message: OutgoingMessage, folder: OpenFolder): Promise<string> {
    const letters = new Map<string, string | undefined>();
    for (const flag of message.flags) {
      if (!flag.startsWith('\\')) letters.set(flag, await folder.keywords.letterFor(flag));
    }
    for (const [keyword, letter] of letters) {
      if (letter === undefined && !folder.dropped.has(keyword)) {
        folder.dropped.add(keyword);
        this.options.onProblem?.({
          path: folder.dir,
          message: `keyword "${keyword}" not written: a Maildir folder holds at most 26 keywords`,
        });
      }
    }
    return flagsToLetters(message.flags, (keyword) => letters.get(keyword));
  }

  async close(): Promise<void> {
    this.folders.clear();
  }
}
