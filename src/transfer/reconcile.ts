// Appends whose outcome was never learnt — the process was killed while an APPEND was in flight, the connection
// dropped before the tagged answer, or the server gave no APPENDUID — are settled before anything else is sent
// (DESIGN invariant 2): each is looked for at the target among the messages the ledger does not know, at or
// above the UIDNEXT the target had before the append; found → recorded as copied, not found → forgotten, and
// the message is copied again like any new one.
import type { FolderHandle } from '../endpoints/endpoint.ts';
import type { PendingAppend, TransferDirection, TransferEntry, TransferLedgerStore } from '../store/transfer-ledger.ts';
import { crlfDigestOf, matchByContent, type Wanted } from './match.ts';

export interface ReconcileInput {
  ledger: TransferLedgerStore;
  pair: string;
  folder: string;
  direction: TransferDirection;
  /** where the copies would have landed */
  target: FolderHandle;
  /** where they came from (read again when the target rewrote line endings) */
  origin: FolderHandle;
  /** identities at the target the ledger already knows */
  known: ReadonlySet<string>;
  /** only these origin ids (a retried chunk); all pending of the folder and direction when omitted */
  only?: ReadonlySet<string>;
}

export interface ReconcileResult {
  /** copies found and recorded */
  adopted: number;
  /** appends that never landed */
  dropped: number;
}

function entryOf(pending: PendingAppend, targetId: string, direction: TransferDirection): TransferEntry {
  const [sourceId, destId] = direction === 'forward' ? [pending.originId, targetId] : [targetId, pending.originId];
  return { folder: pending.folder, sourceId, destId, size: pending.size, sha256: pending.sha256, messageId: pending.messageId, flags: pending.flags };
}

export async function reconcilePending(input: ReconcileInput): Promise<ReconcileResult> {
  const pending = (await input.ledger.pending(input.pair, input.folder))
    .filter((item) => item.direction === input.direction && (!input.only || input.only.has(item.originId)));
  if (pending.length === 0) return { adopted: 0, dropped: 0 };
  const bounds = pending.map((item) => item.targetUidNext);
  const lowest = bounds.includes(null) ? undefined : Math.min(...(bounds as number[]));
  const candidates = [];
  for await (const identity of input.target.list({ withMessageId: true })) {
    if (input.known.has(identity.id)) continue;
    if (lowest !== undefined && identity.uid !== undefined && identity.uid < lowest) continue;
    candidates.push(identity);
  }
  const wanted: Wanted[] = pending.map((item, index) => ({
    key: String(index), size: item.size, sha256: item.sha256, messageId: item.messageId,
    originalCrlf: () => crlfDigestOf(input.origin, item.originId),
  }));
  const found = await matchByContent(wanted, candidates, input.target, { rewritten: true });
  const entries = pending.flatMap((item, index) => {
    const targetId = found.get(String(index));
    return targetId === undefined ? [] : [entryOf(item, targetId, input.direction)];
  });
  await input.ledger.record(input.pair, entries, pending);
  return { adopted: entries.length, dropped: pending.length - entries.length };
}
