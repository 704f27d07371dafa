// IMAP string atoms for FETCH responses (RFC 3501 §4.3, §9 "string"): a quoted string when the text allows
// it, otherwise a literal `{n}\r\n` + bytes. Inputs and outputs are latin1 byte strings. The choices (when to
// switch to a literal, how display text is cleaned) are Dovecot's, so our wire bytes equal its.

/** More than this many quote/backslash characters and a literal is shorter than escaping them. */
const QUOTED_MAX_ESCAPES = 4;

function literal(text: string): string {
  return `{${text.length}}\r\n${text}`;
}

function quoted(text: string): string {
  return `"${text.replace(/[\r\n\x80-\xff]/g, '').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** nstring: NIL, a quoted string, or a literal when the text holds CR, LF, 8-bit bytes or many escapes. */
export function imapNString(text: string | null): string {
  if (text === null) return 'NIL';
  let escapes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) {
      if (escapes++ < QUOTED_MAX_ESCAPES) continue;
      return literal(text);
    }
    if (c === 0x0d || c === 0x0a || c >= 0x80) return literal(text);
  }
  return quoted(text);
}

/** Like imapNString, after unfolding: each CR/LF is dropped, and a space kept where the next line had none. */
export function imapNStringNoLf(text: string | null): string {
  if (text === null || !/[\r\n]/.test(text)) return imapNString(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\r' && c !== '\n') out += c;
    else if (i + 1 < text.length && !' \t\r\n'.includes(text[i + 1])) out += ' ';
  }
  return imapNString(out);
}

/**
 * Text meant for people (Subject, display names): runs of whitespace, CR and LF collapse to one space,
 * leading and trailing whitespace go, NUL becomes 0x80; sent as a literal whenever anything had to change
 * or the text holds quotes, backslashes or 8-bit bytes.
 */
export function imapStringForHumans(text: string): string {
  if (!needsCleaning(text)) return `"${text}"`;
  let out = '';
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\0') { out += '\x80'; lastSpace = false; }
    else if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (!lastSpace) out += ' ';
      lastSpace = true;
    } else { out += c; lastSpace = false; }
  }
  if (lastSpace && out.length > 0) out = out.slice(0, -1);
  return out.length === 0 ? '""' : literal(out);
}

function needsCleaning(text: string): boolean {
  let lastSpace = true;
  let onlySpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c === 0x22 || c === 0x5c || c >= 0x80 || c === 0x09 || c === 0x0d || c === 0x0a) return true;
    if (c === 0x20) {
      if (lastSpace) return true;
      lastSpace = true;
    } else {
      lastSpace = false;
      onlySpace = false;
    }
  }
  return lastSpace && text.length > 0 && !onlySpace;
}
