// Per-recipient duplicates (issue: "same Message-ID and same sha256 are delivered once, within one poll and
// across polls"; a provider that keeps one copy per recipient must not make each recipient get N copies).
// The key goes into the store's ledger in the same transaction as the message row (AppendInput.ledger), so a
// second copy is skipped by the store itself — and a poll that crashed after delivering but before recording
// its registry delivers nothing twice when it fetches the message again.
import type { LedgerKey } from '../store/types.ts';

export function deliveryPair(accountId: number): string {
  return `deliver:${accountId}`;
}

/** The dedupe key of a message delivered to an account; a second folder of the same message gets its own key. */
export function deliveryKey(accountId: number, sha256: string, messageId: string | null, extraFolder?: string): LedgerKey {
  const base = `${sha256} ${messageId ?? ''}`;
  return { pair: deliveryPair(accountId), source: extraFolder === undefined ? base : `${base}\u0000${extraFolder}` };
}
