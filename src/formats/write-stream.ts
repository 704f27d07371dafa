// Writes a byte stream to an open file handle and fsyncs it; returns the number of bytes written.
import type { FileHandle } from 'node:fs/promises';

export async function writeAllAndSync(handle: FileHandle, body: AsyncIterable<Buffer>): Promise<number> {
  let size = 0;
  for await (const chunk of body) {
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
    size += chunk.length;
  }
  await handle.sync();
  return size;
}
