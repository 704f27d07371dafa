// Byte-string helpers with C-locale semantics: header names and MIME tokens compare case-insensitively in
// ASCII only, and a NUL byte ends a name the way it ends a C string in the mail servers we match.

export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export function equalsIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && asciiLower(a) === asciiLower(b);
}

/** The part of a header name before any NUL byte, as strcasecmp() would see it. */
export function cName(name: string): string {
  const nul = name.indexOf('\0');
  return nul < 0 ? name : name.slice(0, nul);
}
