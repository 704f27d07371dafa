// The destination of a poll: one folder handle whose deliveries route each message (router.ts) to its local
// recipients and their folders, then commit like the store's own ingest: every blob durable first, then ONE
// transaction for all the message rows of the delivery — each row carrying its per-recipient dedupe key
// (dedupe.ts) — and then the registry of what was fetched (the transfer ledger of the poll's pair). Only after
// commit() returns does the engine count a message as copied, and only then may the remote copy be deleted
// (DESIGN invariant 1). The engine sees an ordinary folder that records its own ledger entries.
import { messageIdOf, sha256Of } from '../endpoints/content.ts';
import type {
  Delivery, DeliveryOutcome, FolderHandle, FolderStatus, FolderWriter, KeywordPolicy, MessageIdentity, OutgoingMessage, ReadMessage,
} from '../endpoints/endpoint.ts';
import { isAtomKeyword } from '../endpoints/keywords.ts';
import type { Logger } from '../log/logger.ts';
import { stageMessage, type StagedMessage } from '../store/ingest.ts';
import type { Store } from '../store/store.ts';
import type { TransferEntry } from '../store/transfer-ledger.ts';
import type { AppendRequest, LedgerKey, StoredBlob } from '../store/types.ts';
import { deliveryKey } from './dedupe.ts';
import { readHead, withoutRanges } from './message-head.ts';
import type { DeliveryRouter, DeliveryTarget } from './router.ts';
import type { TargetFolders } from './target-folders.ts';
import { mapLimited } from '../util/map-limited.ts';

/** What the deliveries of one poll did, for its summary line. */
export interface DeliveryCounts {
  /** messages handed over by the engine */
  messages: number;
  /** copies stored (one message to three recipients counts three) */
  delivered: number;
  /** copies skipped because the recipient already had the message */
  duplicates: number;
  discarded: number;
  /** catch-all messages that named no local recipient and went to postmaster */
  toPostmaster: number;
}

export interface DeliveryContext {
  store: Store;
  router: DeliveryRouter;
  folders: TargetFolders;
  /** the poll's ledger pair: its registry */
  pair: string;
  logger: Logger;
  counts: DeliveryCounts;
}

const SYSTEM_FLAGS = new Set(['\\seen', '\\answered', '\\flagged', '\\deleted', '\\draft']);
const ANY_KEYWORD: KeywordPolicy = { describe: 'any keyword', accepts: isAtomKeyword };
/** How many blob fsyncs run at once (the store's batch ingest uses the same). */
const COMMIT_CONCURRENCY = 16;

export function emptyCounts(): DeliveryCounts {
  return { messages: 0, delivered: 0, duplicates: 0, discarded: 0, toPostmaster: 0 };
}

function storableFlags(flags: readonly string[]): string[] {
  const kept = new Map<string, string>();
  for (const flag of flags) {
    const key = flag.toLowerCase();
    if (flag.startsWith('\\') ? SYSTEM_FLAGS.has(key) : isAtomKeyword(flag)) kept.set(key, flag);
  }
  return [...kept.values()];
}

interface Planned {
  target: DeliveryTarget;
  /** the dedupe key when the delivered digest is known before staging */
  key?: LedgerKey;
  extraFolder?: string;
}

interface StagedDelivery {
  staged: StagedMessage;
  message: OutgoingMessage;
  messageId: string | null;
  targets: Planned[];
}

class RoutedDelivery implements Delivery {
  private readonly messages: OutgoingMessage[] = [];

  constructor(private readonly context: DeliveryContext) {}

  get count(): number {
    return this.messages.length;
  }

  add(message: OutgoingMessage): void {
    this.messages.push(message);
  }

  async abort(): Promise<void> {
    this.messages.length = 0;
  }

  async commit(): Promise<DeliveryOutcome[]> {
    const { store, counts } = this.context;
    const staged: StagedDelivery[] = [];
    try {
      for (const message of this.messages) {
        counts.messages++;
        const item = await this.stage(message);
        if (item) staged.push(item);
      }
      const blobs = await mapLimited(staged, COMMIT_CONCURRENCY, (item) => item.staged.writer.commit());
      const requests = await this.requests(staged, blobs);
      const outcomes = await store.appendMessages(requests);
      for (const outcome of outcomes) {
        if (outcome.status === 'appended') counts.delivered++;
        else counts.duplicates++;
      }
    } catch (error) {
      await Promise.all(staged.map((item) => item.staged.writer.abort().catch(() => undefined)));
      throw error;
    }
    // the registry: these remote messages are done (delivered, deduplicated or discarded)
    const entries: TransferEntry[] = this.messages.flatMap((message) => (message.ledger ? [message.ledger.transfer] : []));
    await store.transferLedger.record(this.context.pair, entries);
    return this.messages.map((): DeliveryOutcome => ({ ok: true, id: null, recorded: true }));
  }

  /** Routes one message and writes its bytes to a temporary blob; undefined when nothing is to be stored. */
  private async stage(message: OutgoingMessage): Promise<StagedDelivery | undefined> {
    const { router, counts, store } = this.context;
    const head = await readHead(message.content);
    const routed = await router.route(head, message.content.size);
    if (routed.fallback) counts.toPostmaster++;
    if (routed.discarded) {
      counts.discarded++;
      return undefined;
    }
    const source = withoutRanges(message.content, head, routed.remove);
    const digest = routed.remove.length === 0 ? message.content.sha256 : Buffer.isBuffer(source) ? sha256Of(source) : undefined;
    const messageId = messageIdOf(head);
    const firstOfAccount = new Set<number>();
    let targets: Planned[] = routed.targets.map((target) => {
      const extraFolder = firstOfAccount.has(target.account.id) ? target.folder : undefined;
      firstOfAccount.add(target.account.id);
      return { target, extraFolder, ...(digest ? { key: deliveryKey(target.account.id, digest, messageId, extraFolder) } : {}) };
    });
    // already delivered (an earlier poll, another copy): skip before writing a blob; the store checks again
    const known = await Promise.all(targets.map((planned) => (planned.key ? store.ledgerHas(planned.key) : false)));
    counts.duplicates += known.filter(Boolean).length;
    targets = targets.filter((_, index) => !known[index]);
    if (targets.length === 0) return undefined;
    return { staged: await stageMessage(store.blobs, source), message, messageId, targets };
  }

  private async requests(staged: readonly StagedDelivery[], blobs: readonly StoredBlob[]): Promise<AppendRequest[]> {
    const requests: AppendRequest[] = [];
    for (const [index, item] of staged.entries()) {
      const blob = blobs[index]!;
      for (const planned of item.targets) {
        const { target } = planned;
        requests.push({
          folderId: await this.context.folders.folderId(target.account, target.folder),
          blob, mime: item.staged.mime,
          flags: storableFlags([...item.message.flags, ...target.flags]),
          internalDate: item.message.internalDate ?? new Date(),
          ledger: planned.key ?? deliveryKey(target.account.id, blob.sha256, item.messageId, planned.extraFolder),
        });
      }
    }
    return requests;
  }
}

class DeliveryWriter implements FolderWriter {
  readonly keywords = ANY_KEYWORD;
  readonly recordsLedger = true;
  readonly batch = { messages: 64, bytes: 4 * 1024 * 1024 };

  constructor(private readonly context: DeliveryContext) {}

  begin(): Delivery {
    return new RoutedDelivery(this.context);
  }

  async setFlags(): Promise<void> {
    throw new Error('a poll destination does not change flags after delivery');
  }

  async remove(): Promise<void> {
    throw new Error('a poll destination does not remove messages');
  }
}

/** The engine's destination for a poll: delivery only (nothing to list or read back). */
export class DeliveryFolder implements FolderHandle {
  readonly status: FolderStatus = { uidValidity: 0 };
  readonly writer: FolderWriter;

  constructor(readonly name: string, context: DeliveryContext) {
    this.writer = new DeliveryWriter(context);
  }

  async *list(): AsyncIterable<MessageIdentity> {}

  async *read(): AsyncIterable<ReadMessage> {}
}
