// One SELECTed IMAP folder as a FolderHandle: listings by UID FETCH (CONDSTORE CHANGEDSINCE when asked, RFC
// 7162 §3.1.4.1), bodies by one pipelined UID FETCH, copies inside the server by UID COPY (RFC 4315 COPYUID).
// Bodies are fetched as BINARY.PEEK[] when the server offers RFC 3516, so NUL bytes survive; a body whose
// length differs from its RFC822.SIZE (a server that decoded a transfer encoding) is fetched again as BODY[].
import type { ImapClient } from '../../imap/client/client.ts';
import type { FetchedMessage, MessageMetaRecord } from '../../imap/client/commands/fetch.ts';
import type { SelectResult } from '../../imap/client/commands/select.ts';
import { astring } from '../../imap/client/command-encoding.ts';
import { readCopyUid } from '../../imap/client/response-codes.ts';
import { chunkUidSets } from '../../imap/client/sequence-set.ts';
import { encodeMailboxName } from '../../util/mutf7.ts';
import type {
  ChangeTracking, FolderCopier, FolderHandle, FolderStatus, FolderWriter, ListOptions, MessageIdentity, ReadMessage,
} from '../endpoint.ts';
import { ImapWriter } from './imap-writer.ts';

/** \Recent is session state (RFC 3501 §2.3.2): never compared, never copied. */
export function storableFlags(flags: readonly string[]): string[] {
  return flags.filter((flag) => flag.toLowerCase() !== '\\recent');
}

function identityOf(record: MessageMetaRecord | FetchedMessage, messageId?: string | null): MessageIdentity {
  return {
    id: String(record.uid), uid: record.uid, size: record.size, flags: storableFlags(record.flags),
    internalDate: record.internalDate, ...(messageId !== undefined ? { messageId } : {}),
    ...(record.modseq !== undefined ? { modseq: record.modseq } : {}),
  };
}

function toReadMessage(message: FetchedMessage): ReadMessage {
  const body = message.body;
  return { identity: identityOf(message), bytes: body.stream(), discard: () => body.releaseIfUnread() };
}

export class ImapFolder implements FolderHandle {
  readonly status: FolderStatus;
  readonly writer?: FolderWriter;
  readonly changes?: ChangeTracking;
  readonly copier: FolderCopier;

  constructor(private readonly client: ImapClient, readonly name: string, selected: SelectResult, write: boolean) {
    this.status = {
      uidValidity: selected.uidValidity, uidNext: selected.uidNext, messages: selected.exists,
      ...(selected.highestModseq !== undefined ? { highestModseq: selected.highestModseq } : {}),
    };
    if (write && !selected.readOnly) this.writer = new ImapWriter(client, name, selected);
    if (selected.highestModseq !== undefined) {
      this.changes = {
        listChanged: (since) => this.listChanged(since),
        ids: async () => (this.status.messages === 0 ? [] : (await client.uidSearch('ALL')).map(String)),
      };
    }
    this.copier = { copyTo: (ids, target) => this.copyTo(ids, target) };
  }

  async *list(options: ListOptions = {}): AsyncIterable<MessageIdentity> {
    if (this.status.messages === 0) return;
    const source = options.withMessageId ? 'header' : 'none';
    for await (const record of this.client.fetchMeta('1:*', { messageId: source })) {
      yield identityOf(record, options.withMessageId ? record.messageId : undefined);
    }
  }

  private async *listChanged(since: number): AsyncIterable<MessageIdentity> {
    if (this.status.messages === 0) return;
    for await (const record of this.client.fetchMeta('1:*', { changedSince: since, messageId: 'none' })) yield identityOf(record);
  }

  async *read(ids: readonly MessageIdentity[]): AsyncIterable<ReadMessage> {
    const uids = ids.map((identity) => identity.uid ?? Number(identity.id));
    if (uids.length === 0) return;
    const binary = this.client.capabilities.has('BINARY');
    const again: number[] = [];
    for await (const message of this.client.fetchBodies(uids, { binary, highWaterBytes: 16 * 1024 * 1024 })) {
      if (binary && message.body.size !== message.size) {
        message.body.releaseIfUnread();
        again.push(message.uid);
        continue;
      }
      yield toReadMessage(message);
    }
    if (again.length === 0) return;
    for await (const message of this.client.fetchBodies(again, { binary: false })) yield toReadMessage(message);
  }

  /** RFC 4315 §3 UID COPY with COPYUID: source UID → new UID in `target`. */
  private async copyTo(ids: readonly string[], target: string): Promise<Map<string, string | null>> {
    const mapping = new Map<string, string | null>(ids.map((id) => [id, null]));
    const encoded = /^inbox$/i.test(target) ? 'INBOX' : encodeMailboxName(target);
    await Promise.all(chunkUidSets(ids.map(Number)).map(async (set) => {
      const tagged = await this.client.connection.execute({ name: 'UID COPY', parts: ['UID COPY ', set, ' ', astring(encoded)] });
      const copied = readCopyUid(tagged.code);
      for (const [from, to] of copied?.map ?? []) mapping.set(String(from), String(to));
    }));
    return mapping;
  }
}
