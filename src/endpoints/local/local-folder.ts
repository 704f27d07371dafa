// One folder of a local account as a FolderHandle: listings from the message rows (CONDSTORE-like listing by
// MODSEQ, RFC 7162), bodies straight from the blob store (content-addressed: the digest is known without
// reading), deliveries through an IngestBatch whose one transaction also writes the ledger rows.
import type { Readable } from 'node:stream';
import { IngestBatch } from '../../store/ingest-batch.ts';
import type { Store } from '../../store/store.ts';
import type { Folder, MessageMeta } from '../../store/types.ts';
import type {
  ChangeTracking, Delivery, DeliveryOutcome, FolderHandle, FolderStatus, FolderWriter, KeywordPolicy, MessageIdentity,
  OutgoingMessage, ReadMessage,
} from '../endpoint.ts';
import { isAtomKeyword } from '../keywords.ts';

function identityOf(message: MessageMeta): MessageIdentity {
  return {
    id: String(message.uid), uid: message.uid, size: message.size, flags: message.flags, internalDate: message.internalDate,
    messageId: message.messageId, modseq: message.modseq, sha256: message.sha256,
  };
}

async function* chunksOf(stream: Readable): AsyncIterable<Buffer> {
  for await (const chunk of stream) yield chunk as Buffer;
}

const LOCAL_KEYWORDS: KeywordPolicy = { describe: 'any keyword', accepts: isAtomKeyword };

class LocalDelivery implements Delivery {
  private readonly messages: OutgoingMessage[] = [];

  constructor(private readonly store: Store, private readonly folderId: number) {}

  get count(): number {
    return this.messages.length;
  }

  add(message: OutgoingMessage): void {
    this.messages.push(message);
  }

  async commit(): Promise<DeliveryOutcome[]> {
    const batch = new IngestBatch(this.store, { maxMessages: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER });
    try {
      for (const message of this.messages) {
        await batch.add(this.folderId, message.content.buffer ?? message.content.open(), {
          flags: message.flags, ...(message.internalDate ? { internalDate: message.internalDate } : {}),
          ...(message.ledger ? { ledger: message.ledger } : {}),
        });
      }
    } catch (error) {
      await batch.abort();
      throw error;
    }
    const outcomes = await batch.flush();
    // a message given with its ledger row had it written in the same transaction; others are the engine's to record
    return outcomes.map((outcome, index): DeliveryOutcome => (outcome.status === 'appended'
      ? { ok: true, id: String(outcome.message.uid), recorded: this.messages[index]!.ledger !== undefined }
      : { ok: true, id: null, recorded: true }));
  }

  async abort(): Promise<void> {
    this.messages.length = 0;
  }
}

class LocalWriter implements FolderWriter {
  readonly keywords = LOCAL_KEYWORDS;
  readonly recordsLedger = true;
  readonly batch = { messages: 200, bytes: 16 * 1024 * 1024 };

  constructor(private readonly store: Store, private readonly folderId: number) {}

  begin(): Delivery {
    return new LocalDelivery(this.store, this.folderId);
  }

  async setFlags(changes: ReadonlyArray<{ id: string; flags: string[] }>): Promise<void> {
    for (const change of changes) await this.store.updateFlags(this.folderId, [Number(change.id)], 'set', change.flags);
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.store.expunge(this.folderId, ids.map(Number));
  }
}

export class LocalFolder implements FolderHandle {
  readonly name: string;
  readonly status: FolderStatus;
  readonly writer?: FolderWriter;
  readonly changes: ChangeTracking;

  constructor(private readonly store: Store, private readonly folder: Folder, write: boolean) {
    this.name = folder.name;
    this.status = { uidValidity: folder.uidValidity, uidNext: folder.uidNext, highestModseq: folder.highestModseq };
    if (write) this.writer = new LocalWriter(store, folder.id);
    this.changes = {
      listChanged: (since) => this.iterate(since),
      ids: async () => {
        const ids: string[] = [];
        for await (const message of store.iterateMessages(folder.id)) ids.push(String(message.uid));
        return ids;
      },
    };
  }

  list(): AsyncIterable<MessageIdentity> {
    return this.iterate();
  }

  private async *iterate(changedSince?: number): AsyncIterable<MessageIdentity> {
    const query = changedSince === undefined ? {} : { changedSince };
    for await (const message of this.store.iterateMessages(this.folder.id, query)) yield identityOf(message);
  }

  async *read(ids: readonly MessageIdentity[]): AsyncIterable<ReadMessage> {
    for (const requested of ids) {
      let identity = requested;
      if (identity.sha256 === undefined) {
        const message = await this.store.getMessage(this.folder.id, Number(requested.id));
        if (!message) continue;
        identity = identityOf(message);
      }
      const sha256 = identity.sha256!;
      const reopen = () => chunksOf(this.store.blobs.open(sha256));
      const stream = this.store.blobs.open(sha256);
      yield { identity, bytes: chunksOf(stream), sha256, reopen, discard: () => stream.destroy() };
    }
  }
}
