// Digests for matching a message across servers. The raw sha256 proves byte-exactness; the "IMAP view" digest
// recognises the copy an IMAP server rewrote as RFC 3501 makes it: every bare LF as CRLF (Dovecot stores and
// serves a bare-LF message with CRLF) and a NUL byte, which BODY[] may not carry, as 0x80 (what Dovecot sends
// instead). The ledger keeps the raw digest of the source; the second one is computed only when the raw
// digests differ.
import { createHash, type Hash } from 'node:crypto';

const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from([CR, LF]);

/** Feeds a hash with the bytes as an IMAP server shows them: bare LF as CRLF, NUL as 0x80. */
class ImapViewHash {
  private readonly hash: Hash = createHash('sha256');
  private previous = -1;

  update(input: Buffer): void {
    const chunk = input.includes(0) ? Buffer.from(input.map((byte) => (byte === 0 ? 0x80 : byte))) : input;
    let start = 0;
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
      const before = at > 0 ? chunk[at - 1] : this.previous;
      if (before === CR) continue;
      this.hash.update(chunk.subarray(start, at));
      this.hash.update(CRLF);
      start = at + 1;
    }
    this.hash.update(chunk.subarray(start));
    if (chunk.length > 0) this.previous = chunk[chunk.length - 1]!;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export interface Digests {
  sha256: string;
  /** sha256 of the IMAP view: bare LFs as CRLF, NUL as 0x80 */
  crlf: string;
  size: number;
}

export async function digests(source: AsyncIterable<Buffer> | Buffer): Promise<Digests> {
  const raw = createHash('sha256');
  const crlf = new ImapViewHash();
  let size = 0;
  const feed = (chunk: Buffer) => {
    raw.update(chunk);
    crlf.update(chunk);
    size += chunk.length;
  };
  if (Buffer.isBuffer(source)) feed(source);
  else for await (const chunk of source) feed(chunk);
  return { sha256: raw.digest('hex'), crlf: crlf.digest(), size };
}
