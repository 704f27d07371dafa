// Reads the item list of an untagged FETCH response (RFC 3501 §7.4.2, MODSEQ RFC 7162 §3.1.4) into a
// typed record. Unknown items are ignored; body sections are keyed by their name without the origin.
import { parseInternalDate } from './internal-date.ts';
import type { UntaggedFetchResponse } from './responses.ts';
import { Atom, isList, tokenBinaryString, tokenNumber, type ImapToken, type LiteralValue } from './tokens.ts';

export interface FetchRecord {
  seq: number;
  uid?: number;
  flags?: string[];
  internalDate?: Date;
  size?: number;
  modseq?: number;
  envelope?: ImapToken[];
  bodyStructure?: ImapToken[];
  /** `BODY[]`, `BODY[HEADER.FIELDS (MESSAGE-ID)]`, `BINARY[]`... (upper-case, `<origin>` removed) → bytes or NIL */
  sections: Map<string, LiteralValue | string | null>;
}

export function readFetch(response: UntaggedFetchResponse): FetchRecord {
  const record: FetchRecord = { seq: response.seq, sections: new Map() };
  const items = response.items;
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i];
    if (!(key instanceof Atom)) continue;
    readItem(record, key.value.toUpperCase(), items[i + 1]!);
  }
  return record;
}

function readItem(record: FetchRecord, name: string, value: ImapToken): void {
  switch (name) {
    case 'UID':
      record.uid = tokenNumber(value);
      return;
    case 'FLAGS':
      record.flags = isList(value) ? value.map((flag) => String(tokenBinaryString(flag))) : [];
      return;
    case 'INTERNALDATE':
      record.internalDate = parseInternalDate(tokenBinaryString(value) ?? '');
      return;
    case 'RFC822.SIZE':
      record.size = tokenNumber(value);
      return;
    case 'MODSEQ': // RFC 7162 §3.1.4: MODSEQ (12345)
      record.modseq = tokenNumber(isList(value) ? value[0] : value);
      return;
    case 'ENVELOPE':
      if (isList(value)) record.envelope = value;
      return;
    case 'BODYSTRUCTURE':
      if (isList(value)) record.bodyStructure = value;
      return;
  }
  if (name.startsWith('BODY[') || name.startsWith('BINARY[') || name === 'RFC822' || name === 'RFC822.HEADER' || name === 'RFC822.TEXT') {
    if (isList(value) || value instanceof Atom) return;
    record.sections.set(name.replace(/<\d+>$/, ''), value as LiteralValue | string | null);
  }
}

/** ENVELOPE's tenth field (RFC 3501 §7.4.2), as sent: usually `<id@host>`. */
export function envelopeMessageId(envelope: ImapToken[] | undefined): string | null {
  if (!envelope) return null;
  const value = envelope[9];
  return value === undefined || isList(value) ? null : tokenBinaryString(value)?.trim() || null;
}

/** The Message-ID from a `BODY[HEADER.FIELDS (MESSAGE-ID)]` block (unfolded, trimmed), or null. */
export function headerMessageId(block: Buffer | string): string | null {
  const text = (typeof block === 'string' ? block : block.toString('latin1')).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:[ \t]*(.*?)[ \t]*$/im.exec(text);
  return match?.[1] ? match[1] : null;
}
