// Message bodies as files named by their sha256: blobs/ab/cd/<sha256>, written through blobs/tmp/.
import { randomBytes } from 'node:crypto';
import { close as fsClose, closeSync, createReadStream, open as fsOpen, openSync, read as fsRead, readSync } from 'node:fs';
import { access, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { StoreError } from '../errors.ts';
import type { BlobStore, BlobWriter, SyncBlobRead } from '../store.ts';
import type { BlobFreshness } from './blob-freshness.ts';
import { FileBlobWriter, type BlobPlacement } from './file-blob-writer.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Temporary names: pid (for cleanup), a per-process random prefix, a counter — unique without a syscall each. */
const TEMP_PREFIX = randomBytes(6).toString('hex');
let tempCounter = 0;

export class FileBlobStore implements BlobStore, SyncBlobRead, BlobPlacement, BlobFreshness {
  private readonly tempDir: string;
  /** directories known to exist durably, by "ab" or "ab/cd" — a promise so concurrent writers wait for one mkdir */
  private readonly directories = new Map<string, Promise<void>>();

  /** the root with one trailing separator, so blob paths are built without path.join */
  private readonly prefix: string;

  constructor(private readonly root: string) {
    this.tempDir = join(root, 'tmp');
    this.prefix = `${join(root, '.')}/`.replace(/\/+$/, '/');
  }

  /** Creates the layout and removes temporary files left by processes that died mid-write. */
  async init(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true });
    for (const name of await readdir(this.tempDir)) {
      const pid = Number(name.split('-')[0]);
      if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) {
        await unlink(join(this.tempDir, name)).catch(() => undefined);
      }
    }
  }

  async begin(): Promise<BlobWriter> {
    return new FileBlobWriter(this);
  }

  async createTemp() {
    // The pid in the name lets init() of another process tell a crashed writer's leftover from a live one.
    const path = join(this.tempDir, `${process.pid}-${TEMP_PREFIX}-${(tempCounter++).toString(36)}.tmp`);
    return { file: await open(path, 'wx'), path };
  }

  open(sha256: string, range?: { start: number; end: number }): Readable {
    const path = this.pathOf(sha256);
    if (!range) return createReadStream(path);
    if (range.end <= range.start) return Readable.from([]);
    return createReadStream(path, { start: range.start, end: range.end - 1 });
  }

  /** One open, positioned reads into one buffer, one close: no stream machinery for a small range. */
  read(sha256: string, range: { start: number; end: number }, into?: Buffer): Promise<Buffer> {
    const path = this.pathOf(sha256);
    const length = Math.max(0, range.end - range.start);
    return new Promise((resolve, reject) => {
      fsOpen(path, 'r', (openError, fd) => {
        if (openError) return reject(openError);
        const buffer = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
        const finish = (error: Error | null, filled: number) => fsClose(fd, (closeError) => {
          if (error ?? closeError) reject(error ?? closeError);
          else resolve(filled === length ? buffer : buffer.subarray(0, filled));
        });
        const readFrom = (filled: number): void => {
          if (filled >= length) return finish(null, filled);
          fsRead(fd, buffer, filled, length - filled, range.start + filled, (readError, bytesRead) => {
            if (readError) finish(readError, filled);
            else if (bytesRead === 0) finish(null, filled);
            else readFrom(filled + bytesRead);
          });
        };
        readFrom(0);
      });
    });
  }

  readSync(sha256: string, range: { start: number; end: number }, into?: Buffer): Buffer {
    const length = Math.max(0, range.end - range.start);
    const buffer = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
    const fd = openSync(this.pathOf(sha256), 'r');
    try {
      let filled = 0;
      while (filled < length) {
        const bytesRead = readSync(fd, buffer, filled, length - filled, range.start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? buffer : buffer.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  }

  *readChunksSync(sha256: string, range: { start: number; end: number }, scratch: Buffer): Generator<Buffer, void, undefined> {
    const fd = openSync(this.pathOf(sha256), 'r');
    try {
      for (let at = range.start; at < range.end;) {
        const bytesRead = readSync(fd, scratch, 0, Math.min(scratch.length, range.end - at), at);
        if (bytesRead === 0) return;
        at += bytesRead;
        yield scratch.subarray(0, bytesRead);
      }
    } finally {
      closeSync(fd);
    }
  }

  async has(sha256: string): Promise<boolean> {
    return this.exists(sha256);
  }

  async remove(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** when the blob was written or last reused by a deduplicated write (for the garbage collector) */
  async lastTouchedMs(sha256: string): Promise<number | undefined> {
    return stat(this.pathOf(sha256)).then((s) => s.mtimeMs, () => undefined);
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new StoreError('invalid', `invalid blob name "${sha256}": expected sha256 hex`);
    // plain concatenation: path.join normalises its arguments, which costs more than the read for a small body
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async exists(sha256: string): Promise<boolean> {
    return access(this.pathOf(sha256)).then(() => true, () => false);
  }

  async ensureDirectory(sha256: string): Promise<string> {
    const top = sha256.slice(0, 2);
    const leaf = `${top}/${sha256.slice(2, 4)}`;
    await this.ensureOne(top, this.root);
    await this.ensureOne(leaf, join(this.root, top));
    return join(this.root, leaf);
  }

  async syncDirectory(path: string): Promise<void> {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private ensureOne(relative: string, parent: string): Promise<void> {
    let done = this.directories.get(relative);
    if (!done) {
      done = this.createDurably(join(this.root, relative), parent);
      this.directories.set(relative, done);
      done.catch(() => this.directories.delete(relative));
    }
    return done;
  }

  private async createDurably(path: string, parent: string): Promise<void> {
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw error;
    }
    // A new directory entry is durable only once its parent directory is synced.
    await this.syncDirectory(parent);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
