// An optional capability of a blob store: saying when a blob was last written or reused, so the garbage
// collector leaves alone a blob that an ingest reused after it became an orphan (see sql/blob-gc.ts).
import type { BlobStore } from '../store.ts';

export interface BlobFreshness {
  lastTouchedMs(sha256: string): Promise<number | undefined>;
}

export function hasFreshness(blobs: BlobStore): blobs is BlobStore & BlobFreshness {
  return typeof (blobs as Partial<BlobFreshness>).lastTouchedMs === 'function';
}
