// Writes one blob: bytes go to a temporary file while the sha256 is computed; commit makes it durable under its
// digest name. Order matters for crash safety: fsync the file, rename it into place, fsync the directory — only
// then may a message row point at it (DESIGN invariant 1).
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { rename, unlink, utimes } from 'node:fs/promises';
import type { BlobWriter } from '../store.ts';
import type { StoredBlob } from '../types.ts';

/** What the writer needs from its store: where the blob goes and how to make a directory durable. */
export interface BlobPlacement {
  pathOf(sha256: string): string;
  exists(sha256: string): Promise<boolean>;
  /** creates the blob's directory if needed (durably) and returns it */
  ensureDirectory(sha256: string): Promise<string>;
  syncDirectory(path: string): Promise<void>;
}

/** Small chunks (an mbox reader yields lines) are gathered up to this size before one write call. */
const WRITE_BUFFER_BYTES = 256 * 1024;

export class FileBlobWriter implements BlobWriter {
  private readonly hash: Hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  constructor(
    private readonly file: FileHandle,
    private readonly tempPath: string,
    private readonly placement: BlobPlacement,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.state !== 'open') throw new Error(`blob writer already ${this.state}`);
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.size += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= WRITE_BUFFER_BYTES) await this.drain();
  }

  async commit(): Promise<StoredBlob> {
    if (this.state !== 'open') throw new Error(`blob writer already ${this.state}`);
    this.state = 'committed';
    try {
      await this.drain();
      const sha256 = this.hash.digest('hex');
      const target = this.placement.pathOf(sha256);
      const dir = await this.placement.ensureDirectory(sha256);
      if (await this.placement.exists(sha256)) {
        // Content-addressed dedupe: the same bytes are already durable. Touching the file tells the garbage
        // collector it was wanted again after any expunge that orphaned it (see blob-gc.ts).
        await this.file.close();
        await unlink(this.tempPath);
        const now = new Date();
        await utimes(target, now, now);
      } else {
        await this.file.sync();
        await this.file.close();
        await rename(this.tempPath, target);
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
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    let remaining = chunks.reduce((n, c) => n + c.length, 0);
    let buffers = chunks;
    // writev may write less than asked (a full disk writes partially before failing): loop until done.
    while (remaining > 0) {
      const { bytesWritten } = await this.file.writev(buffers);
      remaining -= bytesWritten;
      if (remaining > 0) buffers = [Buffer.concat(buffers).subarray(bytesWritten)];
    }
  }

  private async discard(): Promise<void> {
    this.pending = [];
    await this.file.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
  }
}
