// A message's header block as SEARCH sees it (RFC 3501 §6.4.4 HEADER, FROM, SUBJECT …): fields by lower-case
// name, each value unfolded, RFC 2047 decoded and case-folded.
import { headerFields } from '../fetch/header-fields.ts';
import { decodeHeaderValue } from './decode.ts';
import { fold } from './text-matcher.ts';

export class HeaderIndex {
  private readonly fields = new Map<string, string[]>();

  constructor(header: Buffer) {
    for (const field of headerFields(header)) {
      const raw = field.raw.toString('latin1');
      const value = fold(decodeHeaderValue(raw.slice(raw.indexOf(':') + 1).replace(/\r?\n([ \t])/g, '$1').trim()));
      const name = field.name.toLowerCase();
      const list = this.fields.get(name);
      if (list) list.push(value);
      else this.fields.set(name, [value]);
    }
  }

  /** RFC 3501 §6.4.4: an empty string matches every message that has the field */
  has(field: string, needle: string): boolean {
    const values = this.fields.get(field.toLowerCase());
    if (!values) return false;
    return needle === '' || values.some((v) => v.includes(needle));
  }

  /** any field (TEXT) */
  anyHas(needle: string): boolean {
    for (const values of this.fields.values()) if (values.some((v) => v.includes(needle))) return true;
    return false;
  }
}
