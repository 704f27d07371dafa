// A FIFO of received chunks that hands out slices without copying, for the command reader.

export class ByteQueue {
  private chunks: Buffer[] = [];
  private offset = 0;
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** Up to `max` bytes from the front (a slice of one chunk, never a copy), or null when empty. */
  take(max: number): Buffer | null {
    const first = this.chunks[0];
    if (first === undefined || max <= 0) return null;
    const end = Math.min(first.length, this.offset + max);
    const slice = first.subarray(this.offset, end);
    this.advance(slice.length);
    return slice;
  }

  /**
   * Takes bytes up to and including the next LF that lies within the first chunk, or the whole first
   * chunk when it holds no LF. `found` tells which of the two happened.
   */
  takeUntilLf(): { data: Buffer; found: boolean } | null {
    const first = this.chunks[0];
    if (first === undefined) return null;
    const lf = first.indexOf(0x0a, this.offset);
    const end = lf < 0 ? first.length : lf + 1;
    const data = first.subarray(this.offset, end);
    this.advance(data.length);
    return { data, found: lf >= 0 };
  }

  private advance(count: number): void {
    this.offset += count;
    this.total -= count;
    if (this.offset >= this.chunks[0].length) {
      this.chunks.shift();
      this.offset = 0;
    }
  }
}
