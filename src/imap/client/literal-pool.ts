// Memory for message literals, recycled. A sync moves thousands of small bodies through memory, each alive
// for the fraction of a second between FETCH and the APPEND's answer — long enough for V8 to promote it, so
// freed bodies pile up until the next full collection (tens of MB of resident memory for nothing). Bodies
// whose owner says they are done with (MessageContent.recycle after a committed delivery) come back here
// instead and carry the next bodies. Bodies never handed back are simply collected as before.

/** Smallest pooled size: below it Node's own shared slab serves allocations. */
const MIN_CLASS = 4 * 1024;
/** Largest pooled size (larger literals are spooled to a file anyway). */
const MAX_CLASS = 1024 * 1024;
/**
 * Idle memory kept per size class: about one delivery's worth of the common small sizes (deliveries hand
 * back a few hundred bodies at once), at least two of the large ones.
 */
const IDLE_BYTES_PER_CLASS = 2 * 1024 * 1024;

const idle = new Map<number, ArrayBuffer[]>();
/** memory this pool made (never Node's shared slab) and, of it, what is idle now (no double hand-back) */
const made = new WeakSet<ArrayBuffer>();
const idleSet = new WeakSet<ArrayBuffer>();

/** Power-of-two size class holding `size` bytes; 0 when `size` is not pooled. */
function classOf(size: number): number {
  if (size < MIN_CLASS || size > MAX_CLASS) return 0;
  let bytes = MIN_CLASS;
  while (bytes < size) bytes *= 2;
  return bytes;
}

/** A buffer of exactly `size` bytes, contents undefined; from the pool when one of its class is idle. */
export function takeLiteralBuffer(size: number): Buffer {
  const bytes = classOf(size);
  if (bytes === 0) return Buffer.allocUnsafe(size);
  const reused = idle.get(bytes)?.pop();
  if (reused) {
    idleSet.delete(reused);
    return Buffer.from(reused, 0, size);
  }
  const memory = new ArrayBuffer(bytes);
  made.add(memory);
  return Buffer.from(memory, 0, size);
}

/**
 * Hands a buffer from takeLiteralBuffer back. Only when nothing can read or write it any more: a body given
 * back while a socket still sends it would be overwritten by the next message.
 */
export function recycleLiteralBuffer(buffer: Buffer): void {
  const memory = buffer.buffer as ArrayBuffer;
  const bytes = memory.byteLength;
  if (!made.has(memory) || idleSet.has(memory)) return;
  let list = idle.get(bytes);
  if (!list) idle.set(bytes, (list = []));
  if (list.length >= Math.max(2, IDLE_BYTES_PER_CLASS / bytes)) return;
  list.push(memory);
  idleSet.add(memory);
}
