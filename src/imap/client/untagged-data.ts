// Typed readers for untagged data responses. Mailbox names come back as wire text (latin1); callers pass
// `decodeName` (modified UTF-7 or UTF-8, see mailbox-names.ts) to get Unicode.
import type { UntaggedDataResponse } from './responses.ts';
import { expandSequenceSet } from './sequence-set.ts';
import { isAtom, isList, tokenBinaryString, tokenNumber, type ImapToken } from './tokens.ts';

export type NameDecoder = (wire: ImapToken) => string;

export interface ListEntry {
  name: string;
  /** hierarchy delimiter, null for a flat namespace */
  delimiter: string | null;
  /** as sent: `\HasNoChildren`, `\Sent`, `\Noselect`... */
  attributes: string[];
}

/** RFC 3501 §7.2.2 / RFC 5258 §3 mailbox-list */
export function readList(response: UntaggedDataResponse, decodeName: NameDecoder): ListEntry {
  const [attributes, delimiter, name] = response.args;
  return {
    name: decodeName(name ?? null),
    delimiter: tokenBinaryString(delimiter),
    attributes: isList(attributes) ? attributes.map((item) => String(tokenBinaryString(item))) : [],
  };
}

/** RFC 3501 §7.2.4: `* STATUS name (MESSAGES 3 UIDNEXT 9)` → name and upper-case item → number */
export function readStatus(response: UntaggedDataResponse, decodeName: NameDecoder): { name: string; values: Map<string, number> } {
  const [name, items] = response.args;
  const values = new Map<string, number>();
  if (isList(items)) {
    for (let i = 0; i + 1 < items.length; i += 2) values.set(String(tokenBinaryString(items[i])).toUpperCase(), tokenNumber(items[i + 1]));
  }
  return { name: decodeName(name ?? null), values };
}

/** RFC 3501 §7.2.5 plus RFC 7162 §3.1.5's trailing `(MODSEQ n)` */
export function readSearch(response: UntaggedDataResponse): { numbers: number[]; modseq?: number } {
  const numbers: number[] = [];
  let modseq: number | undefined;
  for (const arg of response.args) {
    if (isList(arg)) {
      if (isAtom(arg[0], 'MODSEQ')) modseq = tokenNumber(arg[1]);
    } else numbers.push(tokenNumber(arg));
  }
  return { numbers, modseq };
}

export interface EsearchResult {
  tag: string | null;
  uid: boolean;
  /** upper-case return item → value as sent (ALL is a sequence set; MIN, MAX, COUNT, MODSEQ numbers) */
  items: Map<string, string>;
}

/** RFC 4731 §3.1: `* ESEARCH (TAG "A5") UID COUNT 3 ALL 4:6` */
export function readEsearch(response: UntaggedDataResponse): EsearchResult {
  const args = [...response.args];
  let tag: string | null = null;
  if (isList(args[0])) {
    const correlator = args.shift() as ImapToken[];
    if (isAtom(correlator[0], 'TAG')) tag = tokenBinaryString(correlator[1]);
  }
  let uid = false;
  if (isAtom(args[0], 'UID')) {
    uid = true;
    args.shift();
  }
  const items = new Map<string, string>();
  for (let i = 0; i + 1 < args.length; i += 2) items.set(String(tokenBinaryString(args[i])).toUpperCase(), String(tokenBinaryString(args[i + 1])));
  return { tag, uid, items };
}

export interface NamespaceEntry {
  prefix: string;
  delimiter: string | null;
}

export interface Namespaces {
  personal: NamespaceEntry[];
  otherUsers: NamespaceEntry[];
  shared: NamespaceEntry[];
}

/** RFC 2342 §5: three groups, each NIL or a list of (prefix delimiter) */
export function readNamespace(response: UntaggedDataResponse, decodeName: NameDecoder): Namespaces {
  const group = (token: ImapToken | undefined): NamespaceEntry[] =>
    isList(token)
      ? token.filter(isList).map((entry) => ({ prefix: decodeName(entry[0] ?? ''), delimiter: tokenBinaryString(entry[1]) }))
      : [];
  const [personal, otherUsers, shared] = response.args;
  return { personal: group(personal), otherUsers: group(otherUsers), shared: group(shared) };
}

/** `* FLAGS (...)`, `* ENABLED A B`, `* CAPABILITY A B`: the atoms as strings */
export function readAtomList(args: ImapToken[]): string[] {
  const source = args.length === 1 && isList(args[0]) ? args[0] : args;
  return source.map((item) => String(tokenBinaryString(item as ImapToken)));
}

/** RFC 7162 §3.2.10: `* VANISHED (EARLIER) 41,43:116` */
export function readVanished(response: UntaggedDataResponse): { earlier: boolean; uids: number[] } {
  const args = response.args;
  const earlier = isList(args[0]) && isAtom(args[0][0], 'EARLIER');
  const set = tokenBinaryString(args[earlier ? 1 : 0]) ?? '';
  return { earlier, uids: set ? expandSequenceSet(set) : [] };
}
