// Reads ascending byte ranges of one blob through a single stream: SEARCH visits a message's header, part
// headers and part bodies in offset order, and opening a stream per piece would cost more than reading.
// The latest chunk is kept, so a range may start anywhere inside it (a reader that stopped early, such as the
// header block's, may have taken more of the chunk than it used).
import type { Readable } from 'node:stream';

export class SequentialReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private chunk: Buffer = Buffer.alloc(0);
  /** offset of chunk[0] in the blob */
  private chunkStart = 0;
  private ended = false;

  constructor(private readonly stream: Readable) {
    this.iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** The bytes of [start, end) in pieces; `start` may not lie before the latest chunk read. */
  async *range(start: number, end: number): AsyncGenerator<Buffer> {
    if (start < this.chunkStart) throw new Error(`SequentialReader: offset ${start} was already passed`);
    let at = start;
    while (at < end) {
      const chunkEnd = this.chunkStart + this.chunk.length;
      if (at >= chunkEnd) {
        if (this.ended) return;
        const { value, done } = await this.iterator.next();
        if (done) {
          this.ended = true;
          return;
        }
        this.chunkStart = chunkEnd;
        this.chunk = value;
        continue;
      }
      const to = Math.min(end, chunkEnd);
      yield this.chunk.subarray(at - this.chunkStart, to - this.chunkStart);
      at = to;
    }
  }

  async bytes(start: number, end: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const piece of this.range(start, end)) parts.push(piece);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  close(): void {
    this.stream.destroy();
  }
}
