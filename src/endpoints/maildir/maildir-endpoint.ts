// maildir:/path — a Maildir++ tree (Courier's and Dovecot's layout): the root is INBOX, ".A.B" directories are
// the folder A/B with each name part in modified UTF-7. Identities are the files' unique names, stable across
// flag changes, so the folder has no UIDVALIDITY to watch.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { directoryOfFolder, folderOfDirectory, INBOX } from '../../formats/maildir/folders.ts';
import { readKeywords } from '../../formats/maildir/keywords.ts';
import { readMessageFile } from '../../formats/read-file.ts';
import type {
  Endpoint, EndpointCapabilities, EndpointSession, FolderHandle, FolderInfo, FolderStatus, FolderWriter, MessageIdentity,
  NamespaceLayout, OpenOptions, ReadMessage,
} from '../endpoint.ts';
import { identities, listFiles, locate, type MaildirFile } from './maildir-files.ts';
import { MaildirWriter } from './maildir-writer.ts';

async function isMaildir(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'cur'))).isDirectory();
  } catch {
    return false;
  }
}

class MaildirFolder implements FolderHandle {
  readonly status: FolderStatus = { uidValidity: 0 };
  private files = new Map<string, MaildirFile>();

  constructor(readonly name: string, private readonly dir: string, readonly writer?: FolderWriter) {}

  async *list(): AsyncIterable<MessageIdentity> {
    const files = await listFiles(this.dir);
    this.files = new Map(files.map((file) => [file.unique, file]));
    yield* identities(this.dir, files);
  }

  async *read(ids: readonly MessageIdentity[]): AsyncIterable<ReadMessage> {
    if (ids.some((identity) => !this.files.has(identity.id))) {
      this.files = new Map((await listFiles(this.dir)).map((file) => [file.unique, file]));
    }
    for (const identity of ids) {
      const file = this.files.get(identity.id);
      const path = file && (await locate(this.dir, file));
      if (!path) continue;
      const size = (await stat(path)).size;
      const reopen = () => readMessageFile(path, size) as AsyncIterable<Buffer>;
      yield { identity: { ...identity, size }, bytes: reopen(), reopen, discard: () => {} };
    }
  }
}

class MaildirSession implements EndpointSession {
  readonly capabilities: EndpointCapabilities = { write: true, flags: true, remove: true, folders: true, extensions: [] };

  constructor(private readonly root: string) {}

  async namespace(): Promise<NamespaceLayout> {
    return { prefix: '', delimiter: '/', forbidden: '.' };
  }

  async listFolders(): Promise<FolderInfo[]> {
    const folders: FolderInfo[] = [];
    const info = (name: string): FolderInfo => ({ name, delimiter: '/', specialUse: null, selectable: true });
    if (await isMaildir(this.root)) folders.push(info(INBOX));
    const entries = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const name = entry.isDirectory() ? folderOfDirectory(entry.name) : undefined;
      if (name !== undefined && (await isMaildir(join(this.root, entry.name)))) folders.push(info(name));
    }
    return folders;
  }

  async createFolder(name: string): Promise<void> {
    const dir = join(this.root, directoryOfFolder(name));
    for (const subdir of ['tmp', 'new', 'cur']) await mkdir(join(dir, subdir), { recursive: true });
    // Maildir++: a sub-folder carries an empty "maildirfolder" file
    if (dir !== this.root) await writeFile(join(dir, 'maildirfolder'), '', { flag: 'a' });
  }

  async openFolder(name: string, options: OpenOptions): Promise<FolderHandle> {
    const dir = join(this.root, directoryOfFolder(name));
    if (!(await isMaildir(dir))) throw new Error(`maildir:${this.root}: no folder "${name}"`);
    const writer = options.write ? await MaildirWriter.open(dir, await readKeywords(dir)) : undefined;
    return new MaildirFolder(name, dir, writer);
  }

  async close(): Promise<void> {}
}

export class MaildirEndpoint implements Endpoint {
  readonly kind = 'maildir';
  readonly writable = true;
  readonly url: string;

  constructor(private readonly root: string) {
    this.url = `maildir:${root}`;
  }

  async connect(): Promise<EndpointSession> {
    return new MaildirSession(this.root);
  }
}
