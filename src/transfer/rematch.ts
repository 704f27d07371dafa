// A UIDVALIDITY change (RFC 3501 §2.3.1.1) means every UID of that side is void. Instead of copying or
// deleting everything again (DESIGN requirement 7), the messages the ledger knew are found again by
// Message-ID, size and sha256 and their entries re-keyed; entries whose message is not found are dropped —
// on the source side the message is gone, on the destination side it is copied again as new.
import type { FolderHandle, MessageIdentity } from '../endpoints/endpoint.ts';
import type { TransferEntry } from '../store/transfer-ledger.ts';
import { crlfDigestOf, matchByContent, type Wanted } from './match.ts';

export interface RematchInput {
  side: 'source' | 'dest';
  entries: readonly TransferEntry[];
  /** the side whose UIDVALIDITY changed */
  changed: FolderHandle;
  /** the other side, read again for the CRLF digest of an original when the destination rewrote it */
  other: FolderHandle;
}

export interface RematchResult {
  entries: TransferEntry[];
  matched: number;
  dropped: number;
}

export async function rematch(input: RematchInput): Promise<RematchResult> {
  const candidates: MessageIdentity[] = [];
  for await (const identity of input.changed.list({ withMessageId: true })) candidates.push(identity);
  const wanted: Wanted[] = input.entries.map((entry, index) => ({
    key: String(index), size: entry.size, sha256: entry.sha256, messageId: entry.messageId,
    ...(input.side === 'dest' ? { originalCrlf: () => crlfDigestOf(input.other, entry.sourceId) } : {}),
  }));
  const found = await matchByContent(wanted, candidates, input.changed, { rewritten: input.side === 'dest' });
  const entries: TransferEntry[] = [];
  input.entries.forEach((entry, index) => {
    const id = found.get(String(index));
    if (id === undefined) return;
    entries.push(input.side === 'source' ? { ...entry, sourceId: id } : { ...entry, destId: id });
  });
  return { entries, matched: entries.length, dropped: input.entries.length - entries.length };
}
