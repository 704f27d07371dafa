// Writes one blob. Bytes are hashed as they come; a small message stays in memory and a larger one spills to a
// temporary file. Commit makes it durable under its digest name, in the order crash safety needs: fsync the
// file, rename it into place, fsync the directory — only then may a message row point at it (DESIGN
// invariant 1). Creating a file is the costly step on most disks, so a blob that already exists (dedupe)
// never creates one when it is small.
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { rename, unlink, utimes } from 'node:fs/promises';
import type { BlobWriter } from '../store.ts';
import type { StoredBlob } from '../types.ts';

/** What the writer needs from its store: where the blob goes and how to make a directory durable. */
export interface BlobPlacement {
  pathOf(sha256: string): string;
  exists(sha256: string): Promise<boolean>;
  /** a new, exclusively created temporary file */
  createTemp(): Promise<{ file: FileHandle; path: string }>;
  /** creates the blob's directory if needed (durably) and returns it */
  ensureDirectory(sha256: string): Promise<string>;
  syncDirectory(path: string): Promise<void>;
}

/** Up to this many bytes a blob is held in memory until commit; beyond, it spills to its temporary file. */
const MEMORY_BYTES = 128 * 1024;
/** Small chunks (an mbox reader yields lines) are gathered up to this size before one write call. */
const WRITE_BUFFER_BYTES = 256 * 1024;

export class FileBlobWriter implements BlobWriter {
  private readonly hash: Hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;
  private temp: { file: FileHandle; path: string } | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  constructor(private readonly placement: BlobPlacement) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.state !== 'open') throw new Error(`blob writer already ${this.state}`);
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.size += chunk.length;
    // Chunks may be views of a buffer the caller reuses: keep our own copy while it waits.
    this.pending.push(Buffer.from(chunk));
    this.pendingBytes += chunk.length;
    if (this.temp ? this.pendingBytes >= WRITE_BUFFER_BYTES : this.size > MEMORY_BYTES) await this.drain();
  }

  async commit(): Promise<StoredBlob> {
    if (this.state !== 'open') throw new Error(`blob writer already ${this.state}`);
    this.state = 'committed';
    try {
      const sha256 = this.hash.digest('hex');
      const target = this.placement.pathOf(sha256);
      const dir = await this.placement.ensureDirectory(sha256);
      if (await this.placement.exists(sha256)) {
        // Content-addressed dedupe: the same bytes are already there. Touching the file tells the garbage
        // collector it was wanted again after any expunge that orphaned it (see sql/blob-gc.ts). The directory
        // sync covers a writer that renamed the file but died before syncing the directory.
        await this.discard();
        const now = new Date();
        await utimes(target, now, now);
        await this.placement.syncDirectory(dir);
      } else {
        await this.drain();
        const temp = this.temp!;
        await temp.file.sync();
        await temp.file.close();
        await rename(temp.path, target);
        this.temp = undefined;
        await this.placement.syncDirectory(dir);
      }
      return { sha256, size: this.size };
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    await this.discard();
  }

  private async drain(): Promise<void> {
    this.temp ??= await this.placement.createTemp();
    if (this.pending.length === 0) return;
    let buffers = this.pending;
    let remaining = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    // writev may write less than asked (a full disk writes partially before failing): loop until done.
    while (remaining > 0) {
      const { bytesWritten } = await this.temp.file.writev(buffers);
      remaining -= bytesWritten;
      if (remaining > 0) buffers = [Buffer.concat(buffers).subarray(bytesWritten)];
    }
  }

  private async discard(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    const temp = this.temp;
    this.temp = undefined;
    if (!temp) return;
    await temp.file.close().catch(() => undefined);
    await unlink(temp.path).catch(() => undefined);
  }
}
