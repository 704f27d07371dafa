// A small byte range of a blob read into memory (header blocks for HEADER.FIELDS and SEARCH). Large ranges are
// streamed instead; this one stops at `limit` so a pathological header cannot exhaust memory.
import type { BlobStore } from '../../../store/store.ts';

const DEFAULT_LIMIT = 8 * 1024 * 1024;

export async function readRange(blobs: BlobStore, sha256: string, start: number, end: number, limit = DEFAULT_LIMIT): Promise<Buffer> {
  const stop = Math.min(end, start + limit);
  if (stop <= start) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.open(sha256, { start, end: stop }) as AsyncIterable<Buffer>) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
