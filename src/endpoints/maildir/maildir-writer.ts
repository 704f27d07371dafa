// Writing into one Maildir folder the way Dovecot does: each message to tmp/, fsynced, its INTERNALDATE as
// mtime, renamed into cur/ as "<unique>,S=<size>:2,<letters>"; the directory is fsynced once per delivery so
// the names survive a crash. Keywords get letters a–z in dovecot-keywords (at most 26 per folder). Flag
// changes rename the file; removal unlinks it.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fsyncDirectory, writeFileDurably } from '../../formats/durable.ts';
import { flagsToLetters, parseMaildirName } from '../../formats/maildir/info.ts';
import { formatKeywordsFile, KEYWORDS_FILE } from '../../formats/maildir/keywords.ts';
import { writeAllAndSync } from '../../formats/write-stream.ts';
import type { Delivery, DeliveryOutcome, FolderWriter, KeywordPolicy, OutgoingMessage } from '../endpoint.ts';
import { isAtomKeyword } from '../keywords.ts';
import { listFiles, locate, type MaildirFile } from './maildir-files.ts';

const HOST = hostname().replace(/\//g, '\\057').replace(/:/g, '\\072');
const MAX_KEYWORDS = 26;
let sequence = 0;
const nonce = randomBytes(3).toString('hex');

function uniqueName(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.M${(now % 1000) * 1000}P${process.pid}Q${++sequence}R${nonce}.${HOST}`;
}

/**
 * Keyword letters of the folder. A keyword gets its letter when the engine asks whether the folder can hold
 * it (so the answer stays true), and the letters are saved before any file name uses them.
 */
class KeywordLetters {
  private readonly letterOf = new Map<string, string>();
  private unsaved = false;

  constructor(private readonly dir: string, private readonly byLetter: Map<string, string>) {
    for (const [letter, keyword] of byLetter) this.letterOf.set(keyword.toLowerCase(), letter);
  }

  /** true when the keyword has (or now gets) a letter; false when all 26 are taken */
  reserve(keyword: string): boolean {
    if (this.letterOf.has(keyword.toLowerCase())) return true;
    for (let index = 0; index < MAX_KEYWORDS; index++) {
      const letter = String.fromCharCode(0x61 + index);
      if (this.byLetter.has(letter)) continue;
      this.byLetter.set(letter, keyword);
      this.letterOf.set(keyword.toLowerCase(), letter);
      this.unsaved = true;
      return true;
    }
    return false;
  }

  async lettersOf(flags: readonly string[]): Promise<string> {
    for (const flag of flags) if (!flag.startsWith('\\')) this.reserve(flag);
    if (this.unsaved) {
      await writeFileDurably(join(this.dir, KEYWORDS_FILE), formatKeywordsFile(this.byLetter));
      this.unsaved = false;
    }
    return flagsToLetters([...flags], (keyword) => this.letterOf.get(keyword.toLowerCase()));
  }
}

class MaildirDelivery implements Delivery {
  private readonly messages: OutgoingMessage[] = [];

  constructor(private readonly dir: string, private readonly letters: KeywordLetters) {}

  get count(): number {
    return this.messages.length;
  }

  add(message: OutgoingMessage): void {
    this.messages.push(message);
  }

  private async deliverOne(message: OutgoingMessage): Promise<string> {
    const unique = uniqueName();
    const temporary = join(this.dir, 'tmp', unique);
    const handle = await open(temporary, 'wx', 0o600);
    let size: number;
    try {
      size = await writeAllAndSync(handle, message.content.open());
    } catch (error) {
      await handle.close();
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await handle.close();
    if (message.internalDate) await utimes(temporary, message.internalDate, message.internalDate);
    const name = `${unique},S=${size}`;
    await rename(temporary, join(this.dir, 'cur', `${name}:2,${await this.letters.lettersOf(message.flags)}`));
    return name;
  }

  async commit(): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    for (const message of this.messages) {
      try {
        outcomes.push({ ok: true, id: await this.deliverOne(message), recorded: false });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        outcomes.push({ ok: false, error: error as Error, temporary: code === 'EAGAIN' || code === 'EBUSY' || code === 'EMFILE' });
      }
    }
    await fsyncDirectory(join(this.dir, 'cur'));
    return outcomes;
  }

  async abort(): Promise<void> {
    this.messages.length = 0;
  }
}

export class MaildirWriter implements FolderWriter {
  readonly keywords: KeywordPolicy;
  readonly recordsLedger = false;
  readonly batch = { messages: 100, bytes: 16 * 1024 * 1024 };

  constructor(private readonly dir: string, private readonly letters: KeywordLetters) {
    this.keywords = {
      describe: 'at most 26 keywords per folder',
      accepts: (keyword) => isAtomKeyword(keyword) && letters.reserve(keyword),
    };
  }

  static async open(dir: string, byLetter: Map<string, string>): Promise<MaildirWriter> {
    return new MaildirWriter(dir, new KeywordLetters(dir, byLetter));
  }

  begin(): Delivery {
    return new MaildirDelivery(this.dir, this.letters);
  }

  private async filesById(ids: readonly string[]): Promise<Map<string, MaildirFile>> {
    const wanted = new Set(ids);
    return new Map((await listFiles(this.dir)).filter((file) => wanted.has(file.unique)).map((file) => [file.unique, file]));
  }

  async setFlags(changes: ReadonlyArray<{ id: string; flags: string[] }>): Promise<void> {
    const files = await this.filesById(changes.map((change) => change.id));
    for (const change of changes) {
      const file = files.get(change.id);
      const path = file && (await locate(this.dir, file));
      if (!path) continue;
      const letters = await this.letters.lettersOf(change.flags);
      await rename(path, join(this.dir, 'cur', `${parseMaildirName(file!.fileName).unique}:2,${letters}`));
    }
    await fsyncDirectory(join(this.dir, 'cur'));
  }

  async remove(ids: readonly string[]): Promise<void> {
    const files = await this.filesById(ids);
    for (const file of files.values()) {
      const path = await locate(this.dir, file);
      if (path) await unlink(path).catch(() => undefined);
    }
    for (const subdir of ['cur', 'new']) await fsyncDirectory(join(this.dir, subdir));
  }
}
