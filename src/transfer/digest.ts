// Digests for matching a message across servers. The raw sha256 proves byte-exactness; the "line-ending"
// digest (every bare LF read as CRLF) recognises the copy a server rewrote: IMAP requires CRLF, and Dovecot
// stores and serves a bare-LF message with CRLF. The ledger keeps the raw digest of the source; the second one
// is computed only when the raw digests differ.
import { createHash, type Hash } from 'node:crypto';

const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from([CR, LF]);

/** Feeds a hash with the bytes as a CRLF-only server would store them. */
class CrlfHash {
  private readonly hash: Hash = createHash('sha256');
  private previous = -1;

  update(chunk: Buffer): void {
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
  /** sha256 with bare LFs read as CRLF */
  crlf: string;
  size: number;
}

export async function digests(source: AsyncIterable<Buffer> | Buffer): Promise<Digests> {
  const raw = createHash('sha256');
  const crlf = new CrlfHash();
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
