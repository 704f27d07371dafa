// One SELECTed IMAP folder as a FolderHandle: listings by UID FETCH (CONDSTORE CHANGEDSINCE when asked, RFC
// 7162 §3.1.4.1), bodies by one pipelined UID FETCH.
import type { ImapClient } from '../../imap/client/client.ts';
import type { FetchedMessage, MessageMetaRecord } from '../../imap/client/commands/fetch.ts';
import type { MailboxStatus } from '../../imap/client/commands/mailboxes.ts';
import { recycleLiteralBuffer } from '../../imap/client/literal-pool.ts';
import type { MessageBody } from '../../imap/client/message-body.ts';
import type { SelectResult } from '../../imap/client/commands/select.ts';
import type {
  ChangeTracking, FolderHandle, FolderStatus, FolderWriter, ListOptions, MessageIdentity, ReadMessage,
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

/** A memory body as it is; a spooled one as its temporary file for whoever can take it, else as a stream. */
function toReadMessage(message: FetchedMessage): ReadMessage {
  const body = message.body;
  const bytes = body.inMemory();
  if (bytes) return { identity: identityOf(message), bytes, discard: () => {}, recycle: () => recycleLiteralBuffer(bytes) };
  return { identity: identityOf(message), bytes: streamWhenRead(body), takeFile: () => body.takeFile(), discard: () => body.releaseIfUnread() };
}

/** Opens the body's stream only when iterated, so that takeFile() can still hand over the file. */
async function* streamWhenRead(body: MessageBody): AsyncIterable<Buffer> {
  for await (const chunk of body.stream()) yield chunk as Buffer;
}

/** What opening the folder learnt: a SELECT / EXAMINE, or only a STATUS (deliveries need no selection). */
export type ImapFolderOpening = { select: SelectResult } | { status: MailboxStatus };

export class ImapFolder implements FolderHandle {
  readonly status: FolderStatus;
  readonly writer?: FolderWriter;
  readonly changes?: ChangeTracking;
  private current?: SelectResult;

  constructor(private readonly client: ImapClient, readonly name: string, opening: ImapFolderOpening, private readonly write: boolean) {
    if ('select' in opening) {
      const selected = opening.select;
      this.current = selected;
      this.status = {
        uidValidity: selected.uidValidity, uidNext: selected.uidNext, messages: selected.exists,
        ...(selected.highestModseq !== undefined ? { highestModseq: selected.highestModseq } : {}),
      };
      if (write && !selected.readOnly) this.writer = new ImapWriter(client, name, selected.permanentFlags, () => this.selected());
    } else {
      const status = opening.status;
      this.status = {
        uidValidity: status.uidValidity ?? 0, ...(status.uidNext !== undefined ? { uidNext: status.uidNext } : {}),
        ...(status.messages !== undefined ? { messages: status.messages } : {}),
        ...(status.highestModseq !== undefined ? { highestModseq: status.highestModseq } : {}),
      };
      if (write) this.writer = new ImapWriter(client, name, undefined, () => this.selected());
    }
    if (this.status.highestModseq !== undefined) {
      this.changes = {
        listChanged: (since) => this.listChanged(since),
        ids: async () => ((await this.selected()).exists === 0 ? [] : (await client.uidSearch('ALL')).map(String)),
      };
    }
  }

  /** SELECTs the folder unless it is the one selected on the connection now. */
  private async selected(): Promise<{ exists: number }> {
    const now = this.client.selected;
    if (this.current && now && now.name === this.name) return now;
    this.current = await this.client.select(this.name, { readOnly: !this.write, condstore: this.client.capabilities.has('CONDSTORE') });
    return this.client.selected ?? this.current;
  }

  async *list(options: ListOptions = {}): AsyncIterable<MessageIdentity> {
    if ((await this.selected()).exists === 0) return;
    const source = options.withMessageId ? 'header' : 'none';
    for await (const record of this.client.fetchMeta('1:*', { messageId: source })) {
      yield identityOf(record, options.withMessageId ? record.messageId : undefined);
    }
  }

  private async *listChanged(since: number): AsyncIterable<MessageIdentity> {
    if ((await this.selected()).exists === 0) return;
    for await (const record of this.client.fetchMeta('1:*', { changedSince: since, messageId: 'none' })) yield identityOf(record);
  }

  /**
   * One pipelined UID FETCH BODY.PEEK[] (RFC 3501 §6.4.5). Not BINARY[] (RFC 3516): Dovecot decodes the parts'
   * transfer encodings for it and drops the connection on a broken base64 part. The price: a NUL byte, which
   * RFC 3501 forbids in BODY[], comes from Dovecot as 0x80.
   */
  async *read(ids: readonly MessageIdentity[]): AsyncIterable<ReadMessage> {
    const uids = [...new Set(ids.map((identity) => identity.uid ?? Number(identity.id)))].sort((a, b) => a - b);
    if (uids.length === 0) return;
    await this.selected();
    for await (const message of this.client.fetchBodies(uids, { highWaterBytes: 4 * 1024 * 1024 })) yield toReadMessage(message);
  }
}
