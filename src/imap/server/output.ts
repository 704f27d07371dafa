// Writing a batch of response chunks: text goes into the socket's pooled batches; each literal of message bytes
// is read a few ahead (read-ahead.ts) and copied in, or streamed when large, so the socket never waits on a file
// open and memory stays bounded. A body that cannot be read is padded to its announced size (a broken message
// is better than a desynchronised session) and logged.
import type { OutputChunk } from '../codec/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { BufferPool } from './buffer-pool.ts';
import type { ImapSocket } from './connection.ts';
import { ReadAhead } from './fetch/read-ahead.ts';

export async function writeChunks(io: ImapSocket, chunks: readonly OutputChunk[], buffers: BufferPool, log: Logger): Promise<void> {
  const ahead = new ReadAhead(chunks, buffers);
  try {
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      if (Buffer.isBuffer(chunk)) {
        io.write(chunk);
        continue;
      }
      const prepared = ahead.take(i);
      let failure: Error | null = null;
      if (prepared.kind === 'stream') {
        failure = await io.writeStream(prepared.opened.stream, chunk.size, prepared.opened.convert);
        buffers.release(prepared.scratch);
      } else {
        const data = await prepared.loaded.data.catch((error: Error) => {
          failure = error;
          return Buffer.alloc(0);
        });
        io.writeExactly(data, chunk.size); // copies: the read buffer can go back to the pool
        buffers.release(prepared.loaded.buffer);
        if (io.congested) await io.drained();
      }
      if (failure) log.problems({ err: failure }, 'message body unreadable; literal padded');
    }
  } finally {
    ahead.close();
  }
}
