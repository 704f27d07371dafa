// Streams one message file. The read buffer is sized to the file (up to 256 KB): a fixed 256 KB buffer per
// read of a 3 KB message would make the garbage collector the importer's busiest part.
import { createReadStream } from 'node:fs';

const MAX_READ_BUFFER = 256 * 1024;
const MIN_READ_BUFFER = 4 * 1024;

export function readMessageFile(path: string, knownSize?: number): AsyncIterable<Buffer> {
  // one byte more than the size lets the first read see the end of a file that did not grow
  const highWaterMark = knownSize === undefined ? 64 * 1024 : Math.min(Math.max(knownSize + 1, MIN_READ_BUFFER), MAX_READ_BUFFER);
  return createReadStream(path, { highWaterMark });
}
