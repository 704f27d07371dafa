// Reusable buffers for the output batches and the small message reads of FETCH. Without them every message read
// and every socket write allocates and frees tens of kilobytes, and the allocator keeps the high-water mark as
// resident memory; with them a busy server's memory stays flat. Bounded per size class: beyond
// `maxBytesPerClass` released buffers are left to the garbage collector. Per class, because one budget for all
// filled up with the large read buffers of a few big messages and then turned every 64 KiB output batch away.
const CLASSES = [16 * 1024, 64 * 1024, 256 * 1024];

export class BufferPool {
  private readonly free = new Map<number, Buffer[]>(CLASSES.map((size) => [size, []]));

  constructor(private readonly maxBytesPerClass = 4 * 1024 * 1024) {}

  /** A buffer of at least `size` bytes (pooled when `size` fits a class). */
  acquire(size: number): Buffer {
    const sizeClass = CLASSES.find((c) => c >= size);
    if (sizeClass === undefined) return Buffer.allocUnsafeSlow(size);
    return this.free.get(sizeClass)!.pop() ?? Buffer.allocUnsafeSlow(sizeClass);
  }

  /** Gives a buffer back once nothing refers to its bytes any more. */
  release(buffer: Buffer): void {
    const list = this.free.get(buffer.buffer.byteLength);
    if (!list || buffer.byteOffset !== 0 || buffer.length !== buffer.buffer.byteLength) return;
    if ((list.length + 1) * buffer.length > this.maxBytesPerClass) return;
    list.push(buffer);
  }
}
