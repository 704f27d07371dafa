// A message's bytes in an unlinked temporary file (DESIGN invariant 4: a large message never sits whole in
// RAM; the file's pages are page cache, not process memory). Either written here from a stream, or taken
// over from whoever already wrote it (the IMAP client spools large literals): then only the digest is
// computed, reading the file through one reused buffer — no second copy of the message anywhere.
import { createHash, randomBytes } from 'node:crypto';
import { close, open, read, unlink, write } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageContent } from './endpoint.ts';

/** Bytes per positional read of a spool file. */
const SPOOL_CHUNK = 256 * 1024;

function readAt(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, 0, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

function writeAt(fd: number, chunk: Buffer, offset: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => write(fd, chunk, offset, chunk.length - offset, position, (error, written) => (error ? reject(error) : resolve(written))));
}

/**
 * Positional reads, no stream: any number of readers, concurrent ones and ones that stopped early included,
 * walk the file independently. The descriptor is a plain number, so release() waits for the readers still
 * inside a read: closing under them could let the number be reused by another file mid-read.
 */
export class SpoolFile implements MessageContent {
  private readers = 0;
  private released = false;

  constructor(private readonly fd: number, readonly size: number, readonly sha256: string) {}

  async *open(): AsyncIterable<Buffer> {
    if (this.released) throw new Error('spool file already released');
    this.readers++;
    try {
      for (let position = 0; position < this.size; ) {
        const length = Math.min(SPOOL_CHUNK, this.size - position);
        // a fresh buffer per chunk: the consumer may still hold the last one (queued on a socket)
        const buffer = Buffer.allocUnsafe(length);
        const bytesRead = await readAt(this.fd, buffer, length, position);
        if (bytesRead === 0) throw new Error(`spool file ended at byte ${position} of ${this.size}`);
        position += bytesRead;
        yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
        if (this.released) throw new Error('spool file released while being read');
      }
    } finally {
      this.readers--;
      if (this.released && this.readers === 0) this.closeNow();
    }
  }

  async readAt(buffer: Buffer, position: number): Promise<number> {
    if (this.released) throw new Error('spool file already released');
    this.readers++;
    try {
      return await readAt(this.fd, buffer, Math.min(buffer.length, Math.max(0, this.size - position)), position);
    } finally {
      this.readers--;
      if (this.released && this.readers === 0) this.closeNow();
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.readers === 0) this.closeNow();
  }

  private closeNow(): void {
    close(this.fd, () => undefined);
  }
}

/** A new unlinked temporary file, open for reading and writing. */
export async function openSpoolFile(): Promise<number> {
  const path = join(tmpdir(), `mailferry-spool-${process.pid}-${randomBytes(8).toString('hex')}`);
  const fd = await new Promise<number>((resolve, reject) => open(path, 'wx+', 0o600, (error, opened) => (error ? reject(error) : resolve(opened))));
  // unlinked at once: the file lives only as long as its descriptor, even if the process dies
  await new Promise<void>((resolve) => unlink(path, () => resolve()));
  return fd;
}

/** Appends a chunk at `position` (the spool's size so far). */
export async function writeSpool(fd: number, chunk: Buffer, position: number): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) offset += await writeAt(fd, chunk, offset, position + offset);
}

export function closeSpool(fd: number): void {
  close(fd, () => undefined);
}

/** Read buffers for digests, kept for the next message (one per worker at most is in use at a time). */
const digestBuffers: Buffer[] = [];
const KEPT_DIGEST_BUFFERS = 8;

/**
 * Takes over a file that already holds a whole message (closed on failure, else by the content's release):
 * its sha256 is read through one reused buffer, whose first chunk `readHead` looks at before it is reused.
 */
export async function adoptSpoolFile<T>(fd: number, size: number, readHead: (start: Buffer) => T): Promise<{ content: MessageContent; head: T }> {
  const hash = createHash('sha256');
  const buffer = digestBuffers.pop() ?? Buffer.allocUnsafe(SPOOL_CHUNK);
  let head: { value: T } | undefined;
  try {
    for (let position = 0; position < size; ) {
      const bytesRead = await readAt(fd, buffer, Math.min(buffer.length, size - position), position);
      if (bytesRead === 0) throw new Error(`spooled message ended at byte ${position} of ${size}`);
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      head ??= { value: readHead(chunk) };
      position += bytesRead;
    }
  } catch (error) {
    closeSpool(fd);
    throw error;
  } finally {
    if (digestBuffers.length < KEPT_DIGEST_BUFFERS) digestBuffers.push(buffer);
  }
  return { content: new SpoolFile(fd, size, hash.digest('hex')), head: (head ?? { value: readHead(Buffer.alloc(0)) }).value };
}
