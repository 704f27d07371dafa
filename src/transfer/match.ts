// Finding known messages among a folder's messages by content: after a crash (an append whose outcome was
// never learnt) and after a UIDVALIDITY change. A candidate must agree on Message-ID when both have one and
// on size (a server that rewrote bare LFs may have grown it), then on the sha256 of its bytes — or, for an
// IMAP server that rewrote line endings or NUL bytes, on the IMAP-view digest of the original (digest.ts). Each candidate matches at most one
// wanted message: messages that share a Message-ID, even identical ones, stay distinct.
import type { FolderHandle, MessageIdentity } from '../endpoints/endpoint.ts';
import { digests, type Digests } from './digest.ts';

export interface Wanted {
  key: string;
  size: number;
  sha256: string;
  messageId: string | null;
  /** the original's IMAP-view digest, read on demand (undefined when the original is gone) */
  originalCrlf?: () => Promise<string | undefined>;
}

export interface MatchOptions {
  /** false when the candidates are the originals themselves: sizes must be equal */
  rewritten: boolean;
}

function idFits(candidate: MessageIdentity, wanted: Wanted): boolean {
  return candidate.messageId === undefined || candidate.messageId === null || wanted.messageId === null || candidate.messageId === wanted.messageId;
}

/** Sorted sizes, for "is some wanted size in [low, high]" in O(log n). */
function sizeIndex(wanted: readonly Wanted[]): (low: number, high: number) => boolean {
  const sizes = wanted.map((w) => w.size).sort((a, b) => a - b);
  return (low, high) => {
    let lo = 0;
    let hi = sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sizes[mid]! < low) lo = mid + 1;
      else hi = mid;
    }
    return lo < sizes.length && sizes[lo]! <= high;
  };
}

/** wanted key → candidate id, for those found */
export async function matchByContent(wanted: readonly Wanted[], candidates: readonly MessageIdentity[], folder: FolderHandle, options: MatchOptions): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wanted.length === 0 || candidates.length === 0) return found;
  const anySize = sizeIndex(wanted);
  const ids = new Set(wanted.map((w) => w.messageId));
  const worth = candidates.filter((c) => (options.rewritten ? anySize(Math.floor((c.size - 2) / 2), c.size) : anySize(c.size, c.size))
    && (c.messageId === undefined || c.messageId === null || ids.has(c.messageId) || ids.has(null)));
  const byRaw = new Map<string, MessageIdentity[]>();
  const byCrlf = new Map<string, MessageIdentity[]>();
  const push = (map: Map<string, MessageIdentity[]>, key: string, candidate: MessageIdentity) => {
    const list = map.get(key);
    if (list) list.push(candidate);
    else map.set(key, [candidate]);
  };
  for await (const message of folder.read(worth)) {
    const digest = await digests(message.bytes);
    push(byRaw, `${digest.sha256}:${digest.size}`, message.identity);
    if (options.rewritten) push(byCrlf, digest.crlf, message.identity);
  }
  const used = new Set<string>();
  const take = (w: Wanted, list: MessageIdentity[] | undefined) => {
    const candidate = list?.find((c) => !used.has(c.id) && idFits(c, w));
    if (!candidate) return false;
    used.add(candidate.id);
    found.set(w.key, candidate.id);
    return true;
  };
  const unmatched = wanted.filter((w) => !take(w, byRaw.get(`${w.sha256}:${w.size}`)));
  if (!options.rewritten) return found;
  for (const w of unmatched) {
    const crlf = await w.originalCrlf?.();
    if (crlf !== undefined) take(w, byCrlf.get(crlf));
  }
  return found;
}

/** The IMAP-view digest of one message of a folder, read now. */
export async function crlfDigestOf(folder: FolderHandle, id: string): Promise<string | undefined> {
  for await (const message of folder.read([{ id, uid: /^\d+$/.test(id) ? Number(id) : undefined, size: 0, flags: [], internalDate: null }])) {
    return (await digests(message.bytes)).crlf;
  }
  return undefined;
}
