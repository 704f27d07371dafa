// Ingest: the one path by which raw message bytes enter the store. One pass over the bytes feeds both the blob
// writer (sha256 + temporary file) and the MIME scanner (ENVELOPE/BODYSTRUCTURE), so memory stays bounded
// whatever the message size; then the blob is made durable, then the row is committed (DESIGN invariant 1).
import { log } from '../log/logger.ts';
import { MimeScanner } from '../mime/scanner.ts';
import type { MimeInfo } from '../mime/types.ts';
import { StoreError } from './errors.ts';
import type { BlobStore, BlobWriter, Store } from './store.ts';
import type { LedgerKey, MessageMeta } from './types.ts';

export type MessageSource = AsyncIterable<Buffer | Uint8Array | string> | Buffer;

export interface IngestOptions {
  flags?: string[];
  internalDate?: Date;
  /** recorded in the same transaction as the message: a rerun with the same key is refused / skipped */
  ledger?: LedgerKey;
}

/** A message whose bytes are written (not yet durable) and scanned. */
export interface StagedMessage {
  writer: BlobWriter;
  mime: MimeInfo;
  size: number;
}

/**
 * Stores one message: blob durable first, then one transaction for the row, UIDNEXT/HIGHESTMODSEQ and the
 * ledger entry. Throws StoreError 'exists' when the ledger already holds `options.ledger` (the source is not
 * read at all when that is known up front).
 */
export async function ingestMessage(store: Store, folderId: number, source: MessageSource, options: IngestOptions = {}): Promise<MessageMeta> {
  if (options.ledger && (await store.ledgerHas(options.ledger))) {
    throw new StoreError('exists', `ledger already holds ${options.ledger.pair} / ${options.ledger.source}: message not ingested again`);
  }
  const staged = await stageMessage(store.blobs, source);
  const blob = await staged.writer.commit();
  return store.appendMessage(folderId, { blob, mime: staged.mime, flags: options.flags, internalDate: options.internalDate, ledger: options.ledger });
}

/** Writes the bytes to a temporary blob while scanning them; the caller commits or aborts the writer. */
export async function stageMessage(blobs: BlobStore, source: MessageSource): Promise<StagedMessage> {
  const writer = await blobs.begin();
  const scanner = new TolerantScanner();
  let size = 0;
  try {
    for await (const piece of chunksOf(source)) {
      if (piece.length === 0) continue;
      size += piece.length;
      scanner.push(piece);
      await writer.write(piece);
    }
    return { writer, mime: scanner.finish(size), size };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

async function* chunksOf(source: MessageSource): AsyncIterable<Buffer> {
  if (Buffer.isBuffer(source)) {
    yield source;
    return;
  }
  for await (const piece of source) {
    yield typeof piece === 'string' ? Buffer.from(piece, 'latin1') : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  }
}

/**
 * Malformed mail is stored as it is, never dropped (DESIGN invariant 3): if the scanner fails, the message is
 * described as one opaque text/plain part so it still has a BODYSTRUCTURE.
 */
class TolerantScanner {
  private readonly scanner = new MimeScanner();
  private failure: unknown;

  push(chunk: Buffer): void {
    if (this.failure !== undefined) return;
    try {
      this.scanner.push(chunk);
    } catch (error) {
      this.failure = error;
    }
  }

  finish(size: number): MimeInfo {
    if (this.failure === undefined) {
      try {
        return this.scanner.finish();
      } catch (error) {
        this.failure = error;
      }
    }
    log.problems({ err: this.failure, size }, 'MIME scan failed; message stored with a minimal structure');
    return opaqueMime(size);
  }
}

export function opaqueMime(size: number): MimeInfo {
  return {
    envelope: { date: null, subject: null, from: null, sender: null, replyTo: null, to: null, cc: null, bcc: null, inReplyTo: null, messageId: null },
    body: {
      type: 'text', subtype: 'plain', params: null, id: null, description: null, encoding: '7bit', size, lines: 0,
      offsets: { headerStart: 0, bodyStart: 0, bodyEnd: size },
    },
  };
}
