// One POP3 poll as a transfer (DESIGN: a poll is a transfer with a schedule): the engine's POP3 endpoint lists
// INBOX (UIDL, RFC 1939 §7), the registry — the poll's transfer ledger — says what was fetched before, the
// engine's copy loop streams the rest (pipelined RETR) into the delivery folder, and with --delete every message
// the registry holds is marked with DELE only now, after its delivery committed (DESIGN invariant 1); the
// server removes them when QUIT ends the session. Registry entries whose message left the server are dropped.
import type { Endpoint, FolderHandle, MessageIdentity } from '../endpoints/endpoint.ts';
import type { Progress } from '../util/progress.ts';
import type { Store } from '../store/store.ts';
import { copyMessages } from '../transfer/copier.ts';
import { FlagFilter } from '../transfer/flag-filter.ts';

export interface Pop3PollInput {
  store: Store;
  source: Endpoint;
  /** the delivery folder (delivery-folder.ts) */
  dest: FolderHandle;
  pair: string;
  deleteRemote: boolean;
  progress: Progress;
  /** messages up to this size stay in memory while delivered */
  memoryLimit: number;
  fail(identity: MessageIdentity, reason: string): void;
}

export interface Pop3PollResult {
  listed: number;
  fetched: number;
  bytes: number;
  failed: number;
  deleted: number;
}

const INBOX = 'INBOX';
const ANY_FLAG = new FlagFilter({ describe: 'any keyword', accepts: () => true }, () => {});

export async function pollPop3(input: Pop3PollInput): Promise<Pop3PollResult> {
  const { store, pair } = input;
  const session = await input.source.connect();
  let quit = false;
  try {
    const folder = await session.openFolder(INBOX, { write: false });
    const listing: MessageIdentity[] = [];
    for await (const identity of folder.list()) listing.push(identity);
    const registry = new Set((await store.transferLedger.entries(pair, INBOX)).map((entry) => entry.sourceId));
    const fresh = listing.filter((identity) => !registry.has(identity.id));
    input.progress.start({ messages: fresh.length, bytes: fresh.reduce((sum, identity) => sum + identity.size, 0) });
    const copied = await copyMessages({
      pair, folder: INBOX, direction: 'forward', from: folder, to: input.dest, ledger: store.transferLedger, flags: ANY_FLAG,
      memoryLimit: input.memoryLimit, advance: (messages, bytes) => input.progress.advance(messages, bytes), fail: input.fail,
    }, fresh);
    for (const id of copied.settled) registry.add(id);
    const present = new Set(listing.map((identity) => identity.id));
    const gone = [...registry].filter((id) => !present.has(id));
    if (gone.length > 0) await store.transferLedger.remove(pair, INBOX, gone);

    let deleted = 0;
    if (input.deleteRemote) {
      // only what the registry holds: delivered (or deliberately dropped) and committed here
      const durable = new Set((await store.transferLedger.entries(pair, INBOX)).map((entry) => entry.sourceId));
      const ids = listing.filter((identity) => durable.has(identity.id)).map((identity) => identity.id);
      if (ids.length > 0) {
        if (!folder.removal) throw new Error(`${input.source.url} cannot delete messages`);
        await folder.removal.remove(ids);
        deleted = ids.length;
      }
    }
    quit = true;
    await session.close(); // QUIT: the server applies the DELEs now (RFC 1939 §6)
    return { listed: listing.length, fetched: copied.copied, bytes: copied.bytes, failed: copied.failed, deleted };
  } finally {
    if (!quit) await session.close().catch(() => undefined);
  }
}
