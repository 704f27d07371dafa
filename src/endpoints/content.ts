// Message bytes on their way from a source to a destination: small messages in memory, large ones in an
// unlinked temporary file (DESIGN invariant 4: a 100 MB message never sits whole in RAM), re-readable in both
// cases, with size and sha256 known before the destination sees them — the ledger records the digest of
// an append before it is sent, so a crash mid-append can be reconciled.
import { createHash } from 'node:crypto';
import type { MessageContent, ReadMessage } from './endpoint.ts';
import { adoptSpoolFile, closeSpool, openSpoolFile, SpoolFile, writeSpool } from './spool-file.ts';

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function bufferContent(buffer: Buffer, sha256: string = sha256Of(buffer), recycle?: () => void): MessageContent {
  let recycled = false;
  return {
    size: buffer.length, sha256, buffer,
    async *open() {
      yield buffer;
    },
    release() {},
    ...(recycle ? {
      recycle() {
        if (recycled) return;
        recycled = true;
        recycle();
      },
    } : {}),
  };
}

/** Content whose bytes the source can open again (a file, a blob). */
export function reopenableContent(size: number, sha256: string, reopen: () => AsyncIterable<Buffer>): MessageContent {
  return { size, sha256, open: reopen, release() {} };
}

export interface Materialized {
  content: MessageContent;
  /** the Message-ID header value, or null */
  messageId: string | null;
}

export interface MaterializeOptions {
  /** messages up to this size stay in memory; default 1 MiB */
  memoryLimit?: number;
}

/** Reads a message once: digest, size and Message-ID, and bytes that can be read again. */
export async function materialize(message: ReadMessage, options: MaterializeOptions = {}): Promise<Materialized> {
  const limit = options.memoryLimit ?? 1024 * 1024;
  if (Buffer.isBuffer(message.bytes)) {
    const recycle = message.recycle?.bind(message);
    return { content: bufferContent(message.bytes, message.sha256, recycle), messageId: messageIdOf(message.bytes) };
  }
  const file = message.takeFile?.();
  if (file) {
    // already in a temporary file (a large IMAP literal): keep it there
    const { content, head } = await adoptSpoolFile(file.fd, file.size, messageIdOf);
    return { content, messageId: head };
  }
  if (message.reopen && message.sha256 !== undefined && message.identity.size > limit) {
    // a content-addressed blob: its digest is its name, nothing to read now
    message.discard();
    const head = await readHead(message.reopen());
    return { content: reopenableContent(message.identity.size, message.sha256, message.reopen), messageId: messageIdOf(head) };
  }
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  let spool: number | undefined;
  let head: Buffer | undefined;
  // memory until the limit; then a spool file, or only the digest when the source can be read again
  let mode: 'memory' | 'spool' | 'digest' = 'memory';
  try {
    for await (const chunk of message.bytes) {
      hash.update(chunk);
      size += chunk.length;
      if (mode === 'spool') await writeSpool(spool!, chunk, size - chunk.length);
      if (mode !== 'memory') continue;
      chunks.push(chunk);
      if (size <= limit) continue;
      head = headOf(chunks);
      if (message.reopen) {
        mode = 'digest';
      } else {
        spool = await openSpoolFile();
        mode = 'spool';
        let position = 0;
        for (const piece of chunks) {
          await writeSpool(spool, piece, position);
          position += piece.length;
        }
      }
      chunks.length = 0;
    }
  } catch (error) {
    if (spool !== undefined) closeSpool(spool);
    message.discard();
    throw error;
  }
  const sha256 = hash.digest('hex');
  if (size <= limit) {
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    return { content: bufferContent(buffer, sha256), messageId: messageIdOf(buffer) };
  }
  const content = spool !== undefined ? new SpoolFile(spool, size, sha256) : reopenableContent(size, sha256, message.reopen!);
  return { content, messageId: messageIdOf(head!) };
}

const HEAD_BYTES = 64 * 1024;

/** A copy of the first HEAD_BYTES of some chunks (not a view: that would keep every chunk alive). */
function headOf(chunks: readonly Buffer[]): Buffer {
  const first: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    if (size >= HEAD_BYTES) break;
    first.push(chunk);
    size += chunk.length;
  }
  return Buffer.from(Buffer.concat(first, size).subarray(0, HEAD_BYTES));
}

async function readHead(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= HEAD_BYTES) break;
  }
  return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}

/** Reads every byte of a content (for digests of what a destination holds). */
export async function digestOf(source: AsyncIterable<Buffer> | Buffer): Promise<{ sha256: string; size: number }> {
  if (Buffer.isBuffer(source)) return { sha256: sha256Of(source), size: source.length };
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * The Message-ID header value (RFC 5322 §3.6.4) from the start of a message, unfolded and trimmed; null when
 * the header block has none. Only the header block is looked at, and only as text around the field.
 */
export function messageIdOf(bytes: Buffer): string | null {
  const head = bytes.subarray(0, HEAD_BYTES);
  const blank = head.indexOf('\n\r\n');
  const blankLf = head.indexOf('\n\n');
  const end = Math.min(blank === -1 ? head.length : blank + 1, blankLf === -1 ? head.length : blankLf + 1);
  const header = head.subarray(0, end);
  for (let from = 0; ;) {
    const at = indexOfField(header, from);
    if (at === -1) return null;
    let stop = header.indexOf(0x0a, at);
    // unfold continuation lines (RFC 5322 §2.2.3)
    while (stop !== -1 && (header[stop + 1] === 0x20 || header[stop + 1] === 0x09)) stop = header.indexOf(0x0a, stop + 1);
    const value = header.subarray(at + FIELD.length, stop === -1 ? header.length : stop).toString('latin1').replace(/\r?\n/g, '').trim();
    if (value !== '') return value;
    from = at + FIELD.length;
  }
}

const FIELD = 'message-id:';

/** Start of a "Message-ID:" field at a line start (any case), from `from` on; -1 when none. */
function indexOfField(header: Buffer, from: number): number {
  for (let at = from; at <= header.length - FIELD.length; ) {
    if (at > 0 && header[at - 1] !== 0x0a) {
      const next = header.indexOf(0x0a, at);
      if (next === -1) return -1;
      at = next + 1;
      continue;
    }
    if (fieldAt(header, at)) return at;
    at++;
  }
  return -1;
}

function fieldAt(header: Buffer, at: number): boolean {
  for (let i = 0; i < FIELD.length; i++) {
    const byte = header[at + i]!;
    const lower = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
    if (lower !== FIELD.charCodeAt(i)) return false;
  }
  return true;
}
