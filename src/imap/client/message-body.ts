// The bytes of one fetched message: in memory when small, in an unlinked temp file when large. Read it
// once (stream or buffer); what nobody reads is released when the fetch moves on.
import { Readable } from 'node:stream';
import { SpooledLiteral } from './literal-spool.ts';
import type { LiteralValue } from './tokens.ts';

export class MessageBody {
  private taken = false;

  constructor(private readonly value: LiteralValue) {}

  get size(): number {
    return Buffer.isBuffer(this.value) ? this.value.length : this.value.size;
  }

  /** true when the bytes live in a temporary file rather than in memory */
  get spooled(): boolean {
    return this.value instanceof SpooledLiteral;
  }

  /** The bytes when they are in memory (no copy, no stream); null for a spooled body. */
  inMemory(): Buffer | null {
    if (this.value instanceof SpooledLiteral) return null;
    this.taken = true;
    return this.value;
  }

  /** The temporary file holding a spooled body, handed over (the caller closes it); null for memory bodies. */
  takeFile(): { fd: number; size: number } | null {
    if (this.taken || !(this.value instanceof SpooledLiteral)) return null;
    this.taken = true;
    return { fd: this.value.detach(), size: this.value.size };
  }

  stream(): Readable {
    this.taken = true;
    if (this.value instanceof SpooledLiteral) return this.value.stream();
    return Readable.from([this.value], { objectMode: false });
  }

  async buffer(): Promise<Buffer> {
    this.taken = true;
    return this.value instanceof SpooledLiteral ? this.value.toBuffer() : this.value;
  }

  /** Frees the temp file of a body that was never read; a no-op for memory bodies or taken streams. */
  releaseIfUnread(): void {
    if (!this.taken && this.value instanceof SpooledLiteral) this.value.dispose();
    this.taken = true;
  }
}
