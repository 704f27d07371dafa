// A message's header block as SEARCH sees it (RFC 3501 §6.4.4 HEADER, FROM, SUBJECT …): fields by lower-case
// name, each value unfolded, RFC 2047 decoded and case-folded.
import type { Address, Envelope } from '../../../mime/types.ts';
import { comparableName, headerFields, type HeaderBlock } from '../fetch/header-fields.ts';
import { decodeHeaderValue } from './decode.ts';
import { fold } from './text-matcher.ts';

/** Address fields are also searched in their parsed form, so comments and odd spacing do not hide an address. */
const ADDRESS_FIELDS: ReadonlyArray<[string, keyof Envelope]> = [
  ['from', 'from'], ['sender', 'sender'], ['reply-to', 'replyTo'], ['to', 'to'], ['cc', 'cc'], ['bcc', 'bcc'],
];

function addressText(address: Address): string | null {
  if (address.host === null) return null; // group start or end
  const name = address.name === null ? '' : `${decodeHeaderValue(address.name)} `;
  return `${name}<${address.mailbox ?? ''}@${address.host}>`;
}

export class HeaderIndex {
  private readonly fields = new Map<string, string[]>();

  constructor(header: HeaderBlock, envelope: Envelope | null) {
    for (const field of headerFields(header.fields)) {
      const raw = field.raw.toString('latin1');
      const colon = raw.indexOf(':');
      this.add(field.name, colon < 0 ? '' : decodeHeaderValue(raw.slice(colon + 1).replace(/\r?\n([ \t])/g, '$1').trim()));
    }
    if (!envelope) return;
    for (const [name, key] of ADDRESS_FIELDS) {
      const list = envelope[key];
      if (!Array.isArray(list)) continue;
      for (const address of list) {
        const text = addressText(address);
        if (text !== null) this.add(name, text);
      }
    }
  }

  private add(name: string, value: string): void {
    const key = comparableName(name);
    const folded = fold(value);
    const list = this.fields.get(key);
    if (list) list.push(folded);
    else this.fields.set(key, [folded]);
  }

  /** RFC 3501 §6.4.4: an empty string matches every message that has the field */
  has(field: string, needle: string): boolean {
    const values = this.fields.get(comparableName(field));
    if (!values) return false;
    return needle === '' || values.some((v) => v.includes(needle));
  }

  /** any field (TEXT) */
  anyHas(needle: string): boolean {
    for (const values of this.fields.values()) if (values.some((v) => v.includes(needle))) return true;
    return false;
  }
}
