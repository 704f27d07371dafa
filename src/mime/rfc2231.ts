// Content-Type / Content-Disposition parameter lists with RFC 2231 continuations (`name*0*=`, `name*1=`)
// merged into one `name*` parameter, as Dovecot reports them in BODYSTRUCTURE: plain parameters first, in
// order, then the merged ones sorted by name. Values stay encoded (charset'language'%XX), never decoded.
import { NUL_REPLACEMENT, type Rfc822Reader } from './rfc822-reader.ts';
import { equalsIgnoreCase } from './ascii.ts';

interface Section {
  key: string;
  value: string;
  index: number;
  extended: boolean;
}

/** Reads `;`-separated parameters from the reader's cursor to its end. Broken input is skipped, not fatal. */
export function parseParameters(reader: Rfc822Reader): Array<[string, string]> {
  const previousReplacement = reader.nulReplacement;
  reader.nulReplacement = NUL_REPLACEMENT;
  const plain: Array<[string, string]> = [];
  const sections: Section[] = [];
  // Dovecot keeps the index of the previous `name*N` for a bare `name*`; reproduced for identical output
  let index = 0;
  for (;;) {
    const { ret, key, value } = reader.parseContentParam();
    if (ret === 0) break;
    if (ret < 0 || key === null) {
      if (reader.pos >= reader.end) break;
      reader.pos++;
      continue;
    }
    const section = parseSectionKey(key, index);
    if (section === null) {
      plain.push([key, value]);
    } else {
      index = section.index;
      sections.push({ ...section, value });
    }
  }
  reader.nulReplacement = previousReplacement;
  return sections.length === 0 ? plain : plain.concat(mergeSections(sections));
}

/** `name*`, `name*N`, `name*N*` → its parts; null for a key that is not an RFC 2231 section. */
function parseSectionKey(key: string, previousIndex: number): Omit<Section, 'value'> | null {
  const star = key.indexOf('*');
  if (star < 0) return null;
  let pos = star;
  let index = previousIndex;
  if (pos + 1 < key.length) {
    pos++;
    index = 0;
    while (pos < key.length && key[pos] >= '0' && key[pos] <= '9') {
      index = (index * 10 + key.charCodeAt(pos) - 0x30) >>> 0;
      pos++;
    }
  }
  let extended = false;
  if (key[pos] === '*') {
    extended = true;
    pos++;
  }
  if (pos !== key.length) return null;
  return { key: key.slice(0, star), index, extended };
}

function mergeSections(sections: Section[]): Array<[string, string]> {
  const sorted = [...sections].sort((a, b) => compareBytes(a.key, b.key) || a.index - b.index);
  const out: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    let complete = true;
    let anyExtended = false;
    for (let expected = 0; j < sorted.length && equalsIgnoreCase(sorted[i].key, sorted[j].key); j++, expected++) {
      if (sorted[j].index !== expected) complete = false;
      if (sorted[j].extended) anyExtended = true;
    }
    const group = sorted.slice(i, j);
    if (!complete) {
      // missing sections: report each one under its own name, as received
      for (const s of group) out.push([`${s.key}*${s.index}${s.extended ? '*' : ''}`, s.value]);
    } else {
      let value = !group[0].extended && anyExtended ? "''" : '';
      for (const s of group) value += !s.extended && anyExtended ? s.value.replace(/%/g, '%25') : s.value;
      out.push([anyExtended ? `${group[0].key}*` : group[0].key, value]);
    }
    i = j;
  }
  return out;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
