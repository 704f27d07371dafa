// Folder name parts a destination cannot hold as they are: its hierarchy delimiter inside a part ("v1.2" on a
// "."-server would become two levels), characters it forbids (IMAP list wildcards "%" "*", "." in Maildir++
// names), control characters. Each is replaced by "_" and the mapping is logged; with --normalize-names a
// name the destination still refuses is retried in plain ASCII.

const CONTROL = /[\u0000-\u001f\u007f]/g;

export function safePart(part: string, delimiter: string | null, forbidden: string): string {
  let safe = part.replace(CONTROL, '_');
  for (const char of `${delimiter ?? ''}${forbidden}`) safe = safe.split(char).join('_');
  return safe.trim() === '' ? '_' : safe;
}

/** The conservative form: letters, digits, space, "-" and "_" of ASCII only. */
export function asciiPart(part: string): string {
  const ascii = part.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9 _-]/g, '_');
  return ascii.trim() === '' ? '_' : ascii;
}
