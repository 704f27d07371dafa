// Domain-wide catch-all: which local recipients a message fetched from a provider's catch-all mailbox is for.
// The provider names them in an envelope header it adds (X-Envelope-To, X-Real-To, Delivered-To, or any
// other); that header is removed before delivery, since it would tell every recipient who else got the
// message (Bcc). With "*" the To/Cc/Bcc addresses are read instead and nothing is removed. Return-Path (RFC
// 5321 §4.4) gives the envelope sender.
import { parseAddressList } from '../sieve/addresses.ts';
import { headerValues, type HeaderBlock } from '../sieve/header-block.ts';

export const ALL_ADDRESS_HEADERS = '*';
const ADDRESS_HEADERS = ['to', 'cc', 'bcc'];

export interface EnvelopeInfo {
  /** addresses the message names, lower-case, each once, in order */
  recipients: string[];
  /** Return-Path address; "" for the null sender <>, null without Return-Path */
  sender: string | null;
  /** byte ranges of the header fields to remove before delivery */
  remove: Array<{ start: number; end: number }>;
}

function unique(addresses: string[]): string[] {
  return [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => /^[^@\s]+@[^@\s]+$/.test(a)))];
}

export function returnPath(block: HeaderBlock): string | null {
  const value = headerValues(block, 'return-path')[0];
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^<\s*>$/.test(trimmed)) return '';
  return parseAddressList(trimmed)[0] ?? null;
}

export function readEnvelope(block: HeaderBlock, envelopeHeader: string): EnvelopeInfo {
  const sender = returnPath(block);
  if (envelopeHeader === ALL_ADDRESS_HEADERS) {
    const recipients = unique(ADDRESS_HEADERS.flatMap((name) => headerValues(block, name).flatMap(parseAddressList)));
    return { recipients, sender, remove: [] };
  }
  const name = envelopeHeader.toLowerCase();
  const fields = block.fields.filter((field) => field.name.toLowerCase() === name);
  const recipients = unique(fields.flatMap((field) => {
    const parsed = parseAddressList(field.value);
    // "X-Envelope-To: alice@example.org" and "<alice@example.org>" both parse; a bare local part does not
    return parsed.length > 0 ? parsed : field.value.split(/[\s,;]+/);
  }));
  return { recipients, sender, remove: fields.map((field) => ({ start: field.start, end: field.end })) };
}
