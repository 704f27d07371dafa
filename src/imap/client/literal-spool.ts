// Where the bytes of a server literal go while it arrives. Small literals are copied into one Buffer;
// large ones (message bodies past a threshold) are written to a temporary file so that a 100 MB message
// never sits whole in RAM (design invariant 4, bounded memory). The file is unlinked right after it is
// opened: it lives only as long as its descriptor, so nothing is left on disk even if the process dies.
import { closeSync, createReadStream, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { takeLiteralBuffer } from './literal-pool.ts';
import type { LiteralValue } from './tokens.ts';

export interface LiteralSink {
  write(chunk: Buffer): void;
  /** all bytes written: hand over the value */
  finish(): LiteralValue;
  /** the response was abandoned (connection lost): release what was allocated */
  abort(): void;
}

export type LiteralSinkFactory = (size: number) => LiteralSink;

/** A literal kept in an unlinked temporary file; read it once with `stream()`, or `dispose()` it. */
export class SpooledLiteral {
  private fd: number | null;

  constructor(fd: number, readonly size: number) {
    this.fd = fd;
  }

  /** One read of the whole literal; the descriptor closes when the stream ends or is destroyed. */
  stream(): Readable {
    const fd = this.takeFd();
    return createReadStream('', { fd, start: 0, end: Math.max(0, this.size - 1), autoClose: true, highWaterMark: 256 * 1024 });
  }

  async toBuffer(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.stream()) parts.push(chunk as Buffer);
    return Buffer.concat(parts, this.size);
  }

  /** Hands the descriptor over (the caller closes it): a large body moves on as the file it already is. */
  detach(): number {
    return this.takeFd();
  }

  get disposed(): boolean {
    return this.fd === null;
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private takeFd(): number {
    if (this.fd === null) throw new Error('spooled literal already read or disposed');
    const fd = this.fd;
    this.fd = null;
    return fd;
  }
}

export function memoryLiteralSink(size: number): LiteralSink {
  const buffer = takeLiteralBuffer(size);
  let filled = 0;
  return {
    write(chunk) {
      chunk.copy(buffer, filled);
      filled += chunk.length;
    },
    finish: () => buffer,
    abort() {},
  };
}

export interface SpoolOptions {
  /** literals larger than this go to a temporary file */
  memoryLimit: number;
  directory?: string;
}

/** Memory below `memoryLimit`, an unlinked temp file above. Writes are synchronous: ordering stays trivial
 *  and the socket is not read faster than the disk takes the bytes. */
export function spoolingLiteralSinkFactory(options: SpoolOptions): LiteralSinkFactory {
  return (size) => (size <= options.memoryLimit ? memoryLiteralSink(size) : fileLiteralSink(size, options.directory ?? tmpdir()));
}

function fileLiteralSink(size: number, directory: string): LiteralSink {
  const path = join(directory, `mailferry-literal-${process.pid}-${randomBytes(8).toString('hex')}`);
  let fd: number | null = openSync(path, 'wx+', 0o600);
  unlinkSync(path);
  return {
    write(chunk) {
      let offset = 0;
      while (offset < chunk.length) offset += writeSync(fd!, chunk, offset);
    },
    finish() {
      const literal = new SpooledLiteral(fd!, size);
      fd = null;
      return literal;
    },
    abort() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

export function isSpooled(value: unknown): value is SpooledLiteral {
  return value instanceof SpooledLiteral;
}

/** Release whatever literals a token tree holds that nobody took (closes spooled descriptors). */
export function disposeLiterals(value: unknown): void {
  if (value instanceof SpooledLiteral) value.dispose();
  else if (Array.isArray(value)) for (const item of value) disposeLiterals(item);
}
