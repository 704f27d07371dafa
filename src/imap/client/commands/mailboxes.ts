// Folder commands: LIST (RFC 3501 §6.3.8, LIST-EXTENDED RFC 5258, SPECIAL-USE RFC 6154), LSUB, NAMESPACE
// (RFC 2342), STATUS (§6.3.10), CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE. Names are Unicode here.
import { hasCapability, type ClientContext } from '../client-context.ts';
import type { UntaggedDataResponse } from '../responses.ts';
import { readList, readNamespace, readStatus, type ListEntry, type Namespaces } from '../untagged-data.ts';

const SPECIAL_USE = new Set(['\\ALL', '\\ARCHIVE', '\\DRAFTS', '\\FLAGGED', '\\JUNK', '\\SENT', '\\TRASH']);

export interface MailboxInfo extends ListEntry {
  /** RFC 6154 attribute (`\Sent`, `\Trash`...) when the server names one */
  specialUse: string | null;
  subscribed: boolean;
  /** `\Noselect` or `\NonExistent`: a hierarchy node that holds no messages */
  selectable: boolean;
}

export interface ListOptions {
  /** LIST pattern, Unicode; default "*" (everything) */
  pattern?: string;
  reference?: string;
}

export async function list(context: ClientContext, options: ListOptions = {}): Promise<MailboxInfo[]> {
  const entries: ListEntry[] = [];
  const collect = (response: unknown) => entries.push(readList(response as UntaggedDataResponse, (t) => context.names.decode(t)));
  const reference = context.names.encode(options.reference ?? '');
  const pattern = context.names.encodePattern(options.pattern ?? '*');
  const extended = hasCapability(context, 'LIST-EXTENDED');
  const returnOptions = extended ? ` RETURN (SUBSCRIBED${hasCapability(context, 'SPECIAL-USE') ? ' SPECIAL-USE' : ''})` : '';
  const subscribed = new Set<string>();
  const listing = context.connection.execute({ name: 'LIST', parts: ['LIST ', reference, ' ', pattern, returnOptions], untagged: { LIST: collect } });
  const lsub = extended ? null : context.connection.execute({
    name: 'LSUB', parts: ['LSUB ', reference, ' ', pattern],
    untagged: { LSUB: (response) => subscribed.add(readList(response as UntaggedDataResponse, (t) => context.names.decode(t)).name) },
  });
  await Promise.all([listing, lsub]);
  return entries.map((entry) => {
    const upper = entry.attributes.map((attribute) => attribute.toUpperCase());
    return {
      ...entry,
      specialUse: entry.attributes.find((attribute) => SPECIAL_USE.has(attribute.toUpperCase())) ?? null,
      subscribed: extended ? upper.includes('\\SUBSCRIBED') : subscribed.has(entry.name),
      selectable: !upper.includes('\\NOSELECT') && !upper.includes('\\NONEXISTENT'),
    };
  });
}

export async function namespace(context: ClientContext): Promise<Namespaces> {
  let result: Namespaces = { personal: [{ prefix: '', delimiter: null }], otherUsers: [], shared: [] };
  if (!hasCapability(context, 'NAMESPACE')) return result;
  await context.connection.execute({
    name: 'NAMESPACE', parts: ['NAMESPACE'],
    untagged: { NAMESPACE: (response) => (result = readNamespace(response as UntaggedDataResponse, (t) => context.names.decode(t))) },
  });
  return result;
}

export interface MailboxStatus {
  messages?: number;
  uidNext?: number;
  uidValidity?: number;
  unseen?: number;
  highestModseq?: number;
  /** RFC 8438 STATUS=SIZE */
  size?: number;
}

const STATUS_FIELDS: Record<string, keyof MailboxStatus> = {
  MESSAGES: 'messages', UIDNEXT: 'uidNext', UIDVALIDITY: 'uidValidity', UNSEEN: 'unseen', HIGHESTMODSEQ: 'highestModseq', SIZE: 'size',
};

export async function status(context: ClientContext, name: string): Promise<MailboxStatus> {
  const items = ['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN'];
  if (hasCapability(context, 'CONDSTORE')) items.push('HIGHESTMODSEQ');
  if (hasCapability(context, 'STATUS=SIZE')) items.push('SIZE');
  const result: MailboxStatus = {};
  await context.connection.execute({
    name: 'STATUS', parts: ['STATUS ', context.names.encode(name), ` (${items.join(' ')})`],
    untagged: {
      STATUS: (response) => {
        for (const [item, value] of readStatus(response as UntaggedDataResponse, (t) => context.names.decode(t)).values) {
          const field = STATUS_FIELDS[item];
          if (field) result[field] = value;
        }
      },
    },
  });
  return result;
}

export async function create(context: ClientContext, name: string): Promise<void> {
  await context.connection.execute({ name: 'CREATE', parts: ['CREATE ', context.names.encode(name)] });
}

export async function remove(context: ClientContext, name: string): Promise<void> {
  await context.connection.execute({ name: 'DELETE', parts: ['DELETE ', context.names.encode(name)] });
  if (context.selected?.name === name) context.selected = null;
}

export async function rename(context: ClientContext, from: string, to: string): Promise<void> {
  await context.connection.execute({ name: 'RENAME', parts: ['RENAME ', context.names.encode(from), ' ', context.names.encode(to)] });
}

export async function subscribe(context: ClientContext, name: string): Promise<void> {
  await context.connection.execute({ name: 'SUBSCRIBE', parts: ['SUBSCRIBE ', context.names.encode(name)] });
}

export async function unsubscribe(context: ClientContext, name: string): Promise<void> {
  await context.connection.execute({ name: 'UNSUBSCRIBE', parts: ['UNSUBSCRIBE ', context.names.encode(name)] });
}
