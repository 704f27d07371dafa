// Reading a mailbox: message metadata (UID FETCH with FLAGS, INTERNALDATE, RFC822.SIZE, MODSEQ and a
// Message-ID; CHANGEDSINCE of RFC 7162 §3.1.4.1) and whole bodies (BODY.PEEK[], RFC 3501 §6.4.5), each as
// one pipelined stream. Bodies never set \Seen.
import { condstoreActive, hasCapability, requireSelected, type ClientContext } from '../client-context.ts';
import { ImapClientError } from '../errors.ts';
import { envelopeMessageId, headerMessageId, readFetch, type FetchRecord } from '../fetch-data.ts';
import { fetchStream } from '../fetch-stream.ts';
import { MessageBody } from '../message-body.ts';
import type { UntaggedDataResponse } from '../responses.ts';
import { chunkUidSets } from '../sequence-set.ts';
import { readVanished } from '../untagged-data.ts';

/** UIDs as numbers, or a sequence-set text such as "1:*". */
export type UidSelection = readonly number[] | string;

export interface MessageMetaRecord {
  uid: number;
  flags: string[];
  internalDate: Date | null;
  size: number;
  /** as sent, usually with angle brackets; null when the message has none (or messageId: 'none') */
  messageId: string | null;
  modseq?: number;
}

export interface FetchMetaOptions {
  /** only messages whose MODSEQ is above this (RFC 7162 §3.1.4.1; enables CONDSTORE use) */
  changedSince?: number;
  /** with changedSince and QRESYNC enabled: also report expunged UIDs (RFC 7162 §3.2.6). Only UIDs inside
   *  the requested set are reported, and `*` is the highest UID that still exists: ask for `1:<last known>`. */
  onVanished?: (uids: number[]) => void;
  /** where the Message-ID comes from: ENVELOPE (default), the header itself, or not at all */
  messageId?: 'envelope' | 'header' | 'none';
}

/** What a body spooled to a file counts for against the read-ahead limit. */
const SPOOLED_WEIGHT = 64 * 1024;

const MESSAGE_ID_HEADER = 'BODY[HEADER.FIELDS (MESSAGE-ID)]';

export function fetchMeta(context: ClientContext, uids: UidSelection, options: FetchMetaOptions = {}): AsyncIterable<MessageMetaRecord> {
  requireSelected(context, 'UID FETCH');
  const items = ['UID', 'FLAGS', 'INTERNALDATE', 'RFC822.SIZE'];
  const source = options.messageId ?? 'envelope';
  if (source === 'envelope') items.push('ENVELOPE');
  if (source === 'header') items.push('BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]');
  const wantsModseq = options.changedSince !== undefined || condstoreActive(context);
  if (wantsModseq) items.push('MODSEQ');
  let modifier = '';
  if (options.changedSince !== undefined) {
    const vanished = options.onVanished !== undefined;
    if (vanished && !context.enabled.has('QRESYNC')) {
      throw new ImapClientError({ kind: 'unsupported', endpoint: context.connection.endpoint, command: 'UID FETCH', detail: 'VANISHED needs QRESYNC enabled' });
    }
    modifier = ` (CHANGEDSINCE ${options.changedSince}${vanished ? ' VANISHED' : ''})`;
  }
  return fetchStream<MessageMetaRecord>(context, {
    commands: uidSets(uids).map((set) => [`${set} (${items.join(' ')})${modifier}`]),
    map: (response) => {
      const record = readFetch(response);
      if (record.uid === undefined || record.size === undefined) return null; // an unsolicited flag update
      return {
        uid: record.uid,
        flags: record.flags ?? [],
        internalDate: record.internalDate ?? null,
        size: record.size,
        messageId: source === 'envelope' ? envelopeMessageId(record.envelope) : source === 'header' ? headerIdOf(record) : null,
        ...(record.modseq !== undefined ? { modseq: record.modseq } : {}),
      };
    },
    weigh: () => 200,
    release: () => {},
    extra: options.onVanished ? { VANISHED: (response) => options.onVanished!(readVanished(response as UntaggedDataResponse).uids) } : undefined,
  });
}

export interface FetchedMessage {
  uid: number;
  flags: string[];
  internalDate: Date | null;
  size: number;
  modseq?: number;
  /** the raw message; valid until the iteration moves to the next message unless read */
  body: MessageBody;
}

export interface FetchBodiesOptions {
  /** buffered bytes before the socket is paused; default 32 MiB */
  highWaterBytes?: number;
  /** longest UID set text per UID FETCH command (several commands stay in flight); default 8,000 chars */
  setTextLimit?: number;
  /**
   * fetch BINARY.PEEK[] (RFC 3516) when offered instead of BODY.PEEK[]: NUL bytes survive (Dovecot drops
   * them from BODY[] as RFC 3501 requires). Off by default: for a whole message Dovecot returns the raw
   * bytes, but RFC 3516 lets a server undo the top-level transfer encoding.
   */
  binary?: boolean;
}

/** Every message of `uids` with its bytes, in one (or a few) pipelined UID FETCH commands. */
export function fetchBodies(context: ClientContext, uids: UidSelection, options: FetchBodiesOptions = {}): AsyncIterable<FetchedMessage> {
  requireSelected(context, 'UID FETCH');
  const binary = options.binary === true && hasCapability(context, 'BINARY');
  const section = binary ? 'BINARY[]' : 'BODY[]';
  const items = ['UID', 'FLAGS', 'INTERNALDATE', 'RFC822.SIZE', ...(condstoreActive(context) ? ['MODSEQ'] : []), binary ? 'BINARY.PEEK[]' : 'BODY.PEEK[]'];
  const stream = fetchStream<FetchedMessage>(context, {
    commands: uidSets(uids, options.setTextLimit).map((set) => [`${set} (${items.join(' ')})`]),
    map: (response) => {
      const record = readFetch(response);
      const body = record.sections.get(section);
      if (record.uid === undefined || body === undefined) return null;
      const bytes = body === null || typeof body === 'string' ? Buffer.from(body ?? '', 'latin1') : body;
      const message = new MessageBody(bytes);
      return {
        uid: record.uid,
        flags: record.flags ?? [],
        internalDate: record.internalDate ?? null,
        size: record.size ?? message.size,
        ...(record.modseq !== undefined ? { modseq: record.modseq } : {}),
        body: message,
      };
    },
    // a spooled body holds a descriptor and disk, not memory: weighed so that a lagging consumer cannot make
    // the reader open hundreds of files
    weigh: (message) => (message.body.spooled ? SPOOLED_WEIGHT : message.body.size + 512),
    release: (message) => message.body.releaseIfUnread(),
    highWater: options.highWaterBytes,
  });
  return releasingPrevious(stream);
}

/** A cursor: moving to the next message releases the previous body if it was never read. */
async function* releasingPrevious(stream: AsyncIterable<FetchedMessage>): AsyncGenerator<FetchedMessage> {
  let previous: FetchedMessage | null = null;
  try {
    for await (const message of stream) {
      previous?.body.releaseIfUnread();
      previous = message;
      yield message;
    }
  } finally {
    previous?.body.releaseIfUnread();
  }
}

function uidSets(uids: UidSelection, limit?: number): string[] {
  if (typeof uids === 'string') return [uids];
  return chunkUidSets(uids, limit);
}

function headerIdOf(record: FetchRecord): string | null {
  const block = record.sections.get(MESSAGE_ID_HEADER);
  if (block === undefined || block === null) return null;
  return headerMessageId(Buffer.isBuffer(block) || typeof block === 'string' ? block : '');
}
