// APPEND (RFC 3501 §6.3.11) in the fastest form the server allows: MULTIAPPEND batches (RFC 3502), else
// one APPEND per message, pipelined with non-synchronising literals (RFC 7888), else one at a time with
// synchronising literals. Each message gets its own result, with its UID from APPENDUID (RFC 4315 §3).
import { hasCapability, type ClientContext } from '../client-context.ts';
import { flagList, literal, quoted, type CommandPart, type LiteralContent } from '../command-encoding.ts';
import { ImapClientError } from '../errors.ts';
import { formatInternalDate } from '../internal-date.ts';
import { readAppendUid } from '../response-codes.ts';

export interface AppendMessage {
  /** the raw message: a Buffer, or a stream source whose size is known up front */
  content: LiteralContent;
  flags?: readonly string[];
  internalDate?: Date;
}

export type AppendResult =
  | { ok: true; uidValidity?: number; uid?: number }
  | { ok: false; error: ImapClientError };

export type AppendMode = 'auto' | 'multiappend' | 'pipelined' | 'sequential';

export interface AppendOptions {
  /** 'auto' picks MULTIAPPEND, then pipelined (LITERAL+), then sequential */
  mode?: AppendMode;
  /** messages per MULTIAPPEND command; default 50 */
  batchSize?: number;
  /** bytes per MULTIAPPEND command; default 16 MiB */
  batchBytes?: number;
}

export async function append(context: ClientContext, mailbox: string, messages: readonly AppendMessage[], options: AppendOptions = {}): Promise<AppendResult[]> {
  const mode = resolveMode(context, options.mode ?? 'auto');
  const encodedName = context.names.encode(mailbox);
  const results: AppendResult[] = new Array(messages.length);
  const entries = messages.map((message, index) => ({ index, message, parts: messageParts(context, message) }));
  const valid = entries.filter((entry) => {
    if (entry.parts instanceof ImapClientError) results[entry.index] = { ok: false, error: entry.parts };
    return !(entry.parts instanceof ImapClientError);
  }) as Array<{ index: number; message: AppendMessage; parts: CommandPart[] }>;

  if (mode === 'sequential') {
    for (const entry of valid) results[entry.index] = await appendOne(context, encodedName, entry.parts, true);
    return results;
  }
  if (mode === 'pipelined') {
    await Promise.all(valid.map(async (entry) => (results[entry.index] = await appendOne(context, encodedName, entry.parts, false))));
    return results;
  }
  const batches = batch(valid, options.batchSize ?? 50, options.batchBytes ?? 16 * 1024 * 1024);
  await Promise.all(batches.map(async (entries) => {
    const outcome = await appendBatch(context, encodedName, entries.map((entry) => entry.parts));
    if (!(outcome instanceof ImapClientError)) {
      entries.forEach((entry, i) => (results[entry.index] = { ok: true, uidValidity: outcome?.uidValidity, uid: outcome?.uids[i] }));
      return;
    }
    if (outcome.kind === 'closed' || outcome.kind === 'timeout' || entries.length === 1) {
      for (const entry of entries) results[entry.index] = { ok: false, error: outcome };
      return;
    }
    // RFC 3502 §6.3.11: a failed MULTIAPPEND appends nothing, so retrying one by one is safe and tells which failed
    await Promise.all(entries.map(async (entry) => (results[entry.index] = await appendOne(context, encodedName, entry.parts, false))));
  }));
  return results;
}

function resolveMode(context: ClientContext, mode: AppendMode): Exclude<AppendMode, 'auto'> {
  if (mode === 'multiappend' && !hasCapability(context, 'MULTIAPPEND')) {
    throw new ImapClientError({ kind: 'unsupported', endpoint: context.connection.endpoint, command: 'APPEND', detail: 'the server does not offer MULTIAPPEND' });
  }
  if (mode !== 'auto') return mode;
  if (hasCapability(context, 'MULTIAPPEND')) return 'multiappend';
  if (hasCapability(context, 'LITERAL+')) return 'pipelined';
  return 'sequential';
}

/** ` (\Seen $Label) "01-Jan-2024 10:00:00 +0000" {n}` — flags and date are optional (RFC 3501 §6.3.11). */
function messageParts(context: ClientContext, message: AppendMessage): CommandPart[] | ImapClientError {
  const parts: CommandPart[] = [];
  try {
    const flags = (message.flags ?? []).filter((flag) => flag.toUpperCase() !== '\\RECENT'); // \Recent cannot be set
    if (flags.length > 0) parts.push(` ${flagList(flags)}`);
  } catch (err) {
    return new ImapClientError({ kind: 'bad', endpoint: context.connection.endpoint, command: 'APPEND', detail: (err as Error).message, temporary: false });
  }
  if (message.internalDate) parts.push(` ${quoted(formatInternalDate(message.internalDate))}`);
  parts.push(' ', literal(message.content));
  return parts;
}

async function appendOne(context: ClientContext, mailbox: CommandPart, parts: CommandPart[], synchronising: boolean): Promise<AppendResult> {
  try {
    const tagged = await context.connection.execute({ name: 'APPEND', parts: ['APPEND ', mailbox, ...parts], synchronisingLiterals: synchronising });
    const appendUid = readAppendUid(tagged.code);
    return { ok: true, uidValidity: appendUid?.uidValidity, uid: appendUid?.uids[0] };
  } catch (err) {
    return { ok: false, error: asClientError(context, err) };
  }
}

async function appendBatch(context: ClientContext, mailbox: CommandPart, messages: CommandPart[][]): Promise<{ uidValidity: number; uids: number[] } | undefined | ImapClientError> {
  try {
    const tagged = await context.connection.execute({ name: 'APPEND', parts: ['APPEND ', mailbox, ...messages.flat()] });
    return readAppendUid(tagged.code);
  } catch (err) {
    return asClientError(context, err);
  }
}

function batch<T extends { message: AppendMessage }>(entries: T[], maxCount: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.isBuffer(entry.message.content) ? entry.message.content.length : entry.message.content.size;
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function asClientError(context: ClientContext, err: unknown): ImapClientError {
  if (err instanceof ImapClientError) return err;
  return new ImapClientError({ kind: 'protocol', endpoint: context.connection.endpoint, command: 'APPEND', detail: String(err), cause: err });
}
