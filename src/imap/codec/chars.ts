// Character classes of the IMAP formal syntax (RFC 3501 §9), as byte lookup tables.

function table(test: (byte: number) => boolean): Uint8Array {
  const out = new Uint8Array(256);
  for (let b = 0; b < 256; b++) out[b] = test(b) ? 1 : 0;
  return out;
}

const SP = 0x20;
const isCtl = (b: number): boolean => b < 0x20 || b === 0x7f;
// atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
const ATOM_SPECIALS = new Set([0x28, 0x29, 0x7b, SP, 0x25, 0x2a, 0x22, 0x5c, 0x5d]);

/** ATOM-CHAR: any CHAR except atom-specials (8-bit bytes are not CHAR). */
export const ATOM_CHAR = table((b) => b < 0x80 && !isCtl(b) && !ATOM_SPECIALS.has(b));
/** ASTRING-CHAR = ATOM-CHAR / resp-specials */
export const ASTRING_CHAR = table((b) => ATOM_CHAR[b] === 1 || b === 0x5d);
/** list-char = ATOM-CHAR / list-wildcards / resp-specials (RFC 3501 §9, LIST patterns) */
export const LIST_CHAR = table((b) => ASTRING_CHAR[b] === 1 || b === 0x25 || b === 0x2a);
/** tag = 1*<any ASTRING-CHAR except "+"> */
export const TAG_CHAR = table((b) => ASTRING_CHAR[b] === 1 && b !== 0x2b);
/** Characters allowed inside a quoted string without escaping: TEXT-CHAR minus quoted-specials; 8-bit
 *  is accepted because clients send UTF-8 in quoted strings (RFC 6855) and refusing it helps nobody. */
export const QUOTED_CHAR = table((b) => b !== 0x0d && b !== 0x0a && b !== 0 && b !== 0x22 && b !== 0x5c);

export const CHAR = {
  SP,
  CR: 0x0d,
  LF: 0x0a,
  DQUOTE: 0x22,
  BACKSLASH: 0x5c,
  LPAREN: 0x28,
  RPAREN: 0x29,
  LBRACKET: 0x5b,
  RBRACKET: 0x5d,
  LANGLE: 0x3c,
  RANGLE: 0x3e,
  LBRACE: 0x7b,
  RBRACE: 0x7d,
  PLUS: 0x2b,
  MINUS: 0x2d,
  DOT: 0x2e,
  COLON: 0x3a,
  COMMA: 0x2c,
  STAR: 0x2a,
  DOLLAR: 0x24,
  TILDE: 0x7e,
} as const;

export function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}
