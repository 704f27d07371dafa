// Reusable buffers for the output batches and the small message reads of FETCH. Without them every message read
// and every socket write allocates and frees tens of kilobytes, and the allocator keeps the high-water mark as
// resident memory; with them a busy server's memory stays flat. Bounded: beyond `maxBytes` released buffers are
// left to the garbage collector.
const CLASSES = [16 * 1024, 64 * 1024, 256 * 1024];

export class BufferPool {
  private readonly free = new Map<number, Buffer[]>(CLASSES.map((size) => [size, []]));
  private freeBytes = 0;

  constructor(private readonly maxBytes = 8 * 1024 * 1024) {}

  /** A buffer of at least `size` bytes (pooled when `size` fits a class). */
  acquire(size: number): Buffer {
    const sizeClass = CLASSES.find((c) => c >= size);
    if (sizeClass === undefined) return Buffer.allocUnsafeSlow(size);
    const reused = this.free.get(sizeClass)!.pop();
    if (reused) {
      this.freeBytes -= sizeClass;
      return reused;
    }
    return Buffer.allocUnsafeSlow(sizeClass);
  }

  /** Gives a buffer back once nothing refers to its bytes any more. */
  release(buffer: Buffer): void {
    const list = this.free.get(buffer.buffer.byteLength);
    if (!list || buffer.byteOffset !== 0 || this.freeBytes + buffer.length > this.maxBytes) return;
    list.push(buffer);
    this.freeBytes += buffer.length;
  }
}
