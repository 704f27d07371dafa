// STATUS data (RFC 3501 §6.3.10, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 9051 DELETED, RFC 7889
// APPENDLIMIT) for one folder, from the store's per-folder summary.
import { atom, mailboxName, untagged, type OutputChunk, type StatusItem, type WireValue } from '../codec/index.ts';
import type { Store } from '../../store/store.ts';
import type { FolderSummary } from '../../store/types.ts';

async function countFrom(store: Store, folderId: number, uidFrom: number, test: (flags: string[]) => boolean): Promise<number> {
  let count = 0;
  for await (const message of store.iterateMessages(folderId, { uidFrom })) if (test(message.flags)) count++;
  return count;
}

export async function statusResponse(store: Store, summary: FolderSummary, items: readonly StatusItem[], appendLimit: number): Promise<OutputChunk[]> {
  const values: WireValue[] = [];
  for (const item of items) {
    let value: number;
    switch (item) {
      case 'MESSAGES': value = summary.messages; break;
      case 'UNSEEN': value = summary.unseen; break;
      case 'UIDNEXT': value = summary.uidNext; break;
      case 'UIDVALIDITY': value = summary.uidValidity; break;
      case 'HIGHESTMODSEQ': value = summary.highestModseq; break;
      case 'SIZE': value = summary.bytes; break;
      case 'APPENDLIMIT': value = appendLimit; break;
      case 'RECENT': {
        // RFC 3501 §6.3.10: messages no session has seen yet; STATUS does not claim them
        const range = await store.recentRange(summary.id, { claim: false });
        value = range.from < range.to ? await countFrom(store, summary.id, range.from, () => true) : 0;
        break;
      }
      case 'DELETED':
        value = await countFrom(store, summary.id, 1, (flags) => flags.includes('\\Deleted'));
        break;
    }
    values.push(atom(item), value);
  }
  return untagged(atom('STATUS'), mailboxName(summary.name), values);
}
