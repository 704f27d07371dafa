// RFC 5322 §3.2 / RFC 2045 §5.1 lexical tokens over one header value. Strings are latin1 ("binary"): one char
// per byte. The tolerance rules (what is skipped, what ends a token, how far a broken value is still read)
// follow Dovecot's rfc822-parser so that ENVELOPE and BODYSTRUCTURE come out as Dovecot computes them.
//
// Every parse method returns 1 when more input follows, 0 at the end of the input, -1 on invalid input.
// Whitespace and comments after a token are skipped, never before it.

/** U+FFFD as UTF-8 bytes, in latin1 form: what NUL bytes become inside quoted strings and comments. */
export const NUL_REPLACEMENT = '\u00ef\u00bf\u00bd';

/** 0 = not atext, 1 = atext, 2 = letter/digit/8-bit, 4 = atext but a MIME tspecial ("/", "=", "?"). */
const ATEXT = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  if (c >= 0x80 || /[A-Za-z0-9]/.test(ch)) ATEXT[c] = 2;
  else if ('!#$%&\'*+-^_`{|}~'.includes(ch)) ATEXT[c] = 1;
  else if ('/=?'.includes(ch)) ATEXT[c] = 4;
}

export function isAtext(code: number): boolean {
  return ATEXT[code] !== 0;
}

function isTokenChar(code: number): boolean {
  return (ATEXT[code] & 3) !== 0 || code === 0x2e;
}

/** A growable string passed to the parse methods, which append to it. */
export class Text {
  value = '';
}

export class Rfc822Reader {
  pos = 0;
  readonly end: number;
  /** when not null, the text of the last comment skipped (address display names come from it) */
  lastComment: string | null = null;
  /** when not null, NUL bytes in quoted strings, comments and domain literals become this */
  nulReplacement: string | null = null;

  constructor(readonly data: string) {
    this.end = data.length;
  }

  /** The byte at the cursor; 0 past the end (the C original reads its terminating NUL there). */
  peek(): number {
    return this.pos < this.end ? this.data.charCodeAt(this.pos) : 0;
  }

  private moreOrEnd(): number {
    return this.pos < this.end ? 1 : 0;
  }

  skipComment(): number {
    let level = 1;
    if (this.lastComment !== null) this.lastComment = '';
    let start = ++this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = this.data.charCodeAt(this.pos);
      if (c === 0) {
        if (this.lastComment !== null && this.nulReplacement !== null) {
          this.lastComment += this.data.slice(start, this.pos) + this.nulReplacement;
          start = this.pos + 1;
        }
      } else if (c === 0x28) {
        level++;
      } else if (c === 0x29) {
        if (--level === 0) {
          if (this.lastComment !== null) this.lastComment += this.data.slice(start, this.pos);
          this.pos++;
          return this.moreOrEnd();
        }
      } else if (c === 0x0a) {
        if (this.lastComment === null) continue;
        this.lastComment += this.withoutTrailingCr(start, this.pos);
        start = this.pos + 1;
      } else if (c === 0x5c) {
        this.pos++;
        if (this.pos >= this.end) return -1;
        if (this.isCrLfNul(this.pos)) { this.pos--; continue; }
        if (this.lastComment !== null) this.lastComment += this.data.slice(start, this.pos - 1);
        start = this.pos;
      }
    }
    return -1;
  }

  skipLwsp(): number {
    while (this.pos < this.end) {
      const c = this.data.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) { this.pos++; continue; }
      if (c !== 0x28) break;
      if (this.skipComment() < 0) return -1;
    }
    return this.moreOrEnd();
  }

  parseAtom(out: Text): number {
    if (this.pos >= this.end || !isAtext(this.peek())) return -1;
    const start = this.pos++;
    while (this.pos < this.end && isAtext(this.data.charCodeAt(this.pos))) this.pos++;
    out.value += this.data.slice(start, this.pos);
    return this.pos < this.end ? this.skipLwsp() : 0;
  }

  /** dot-atom, allowing whitespace around the dots as RFC 822 did. */
  parseDotAtom(out: Text): number {
    if (this.pos >= this.end || !isAtext(this.peek())) return -1;
    let start = this.pos++;
    while (this.pos < this.end) {
      if (isAtext(this.data.charCodeAt(this.pos))) { this.pos++; continue; }
      if (start === this.pos) return -1;
      out.value += this.data.slice(start, this.pos);
      const ret = this.skipLwsp();
      if (ret <= 0) return ret;
      if (this.peek() !== 0x2e) return 1;
      this.pos++;
      out.value += '.';
      if (this.skipLwsp() <= 0) return -1;
      start = this.pos;
    }
    out.value += this.data.slice(start, this.pos);
    return 0;
  }

  /** RFC 2045 token: like dot-atom text but stops at "/", "?" and "=" (the tspecials that are atext). */
  parseMimeToken(out: Text): number {
    const start = this.pos;
    while (this.pos < this.end && isTokenChar(this.data.charCodeAt(this.pos))) this.pos++;
    out.value += this.data.slice(start, this.pos);
    return this.pos < this.end ? this.skipLwsp() : 0;
  }

  /** quoted-string at the cursor (which is on the opening quote); escapes removed, folding unfolded. */
  parseQuotedString(out: Text): number {
    this.pos++;
    let start = this.pos;
    for (; this.pos < this.end; this.pos++) {
      const c = this.data.charCodeAt(this.pos);
      if (c === 0) {
        if (this.nulReplacement !== null) {
          out.value += this.data.slice(start, this.pos) + this.nulReplacement;
          start = this.pos + 1;
        }
      } else if (c === 0x22) {
        out.value += this.data.slice(start, this.pos);
        this.pos++;
        return this.skipLwsp();
      } else if (c === 0x0a) {
        out.value += this.withoutTrailingCr(start, this.pos);
        start = this.pos + 1;
      } else if (c === 0x5c) {
        this.pos++;
        if (this.pos >= this.end) return -1;
        if (this.isCrLfNul(this.pos)) { this.pos--; continue; }
        out.value += this.data.slice(start, this.pos - 1);
        start = this.pos;
      }
    }
    return -1;
  }

  /** phrase = 1*word / obs-phrase; words are joined with one space. */
  parsePhrase(out: Text): number {
    if (this.pos >= this.end) return 0;
    if (this.peek() === 0x2e) return -1;
    for (;;) {
      const ret = this.peek() === 0x22 ? this.parseQuotedString(out) : this.parseAtomOrDot(out);
      if (ret <= 0) return ret;
      const c = this.peek();
      if (!isAtext(c) && c !== 0x22 && c !== 0x2e) break;
      out.value += ' ';
    }
    return this.skipLwsp();
  }

  /** domain after "@" (cursor on the "@"): dot-atom or domain-literal. */
  parseDomain(out: Text): number {
    this.pos++;
    if (this.skipLwsp() <= 0) return -1;
    return this.peek() === 0x5b ? this.parseDomainLiteral(out) : this.parseDotAtom(out);
  }

  /** type "/" subtype of a Content-Type value; on failure `out` keeps what could be read (see callers). */
  parseContentType(out: Text): number {
    const base = out.value.length;
    if (this.skipLwsp() <= 0) return -1;
    if (this.parseMimeToken(out) <= 0 || out.value.length === base) return -1;
    if (this.peek() !== 0x2f) { out.value = out.value.slice(0, base); return -1; }
    this.pos++;
    if (this.skipLwsp() <= 0) { out.value = out.value.slice(0, base); return -1; }
    out.value += '/';
    const subtypeStart = out.value.length;
    const ret = this.parseMimeToken(out);
    if (ret < 0 || out.value.length === subtypeStart || (this.pos !== this.end && this.peek() !== 0x3b)) {
      out.value = out.value.slice(0, base);
      return -1;
    }
    return ret;
  }

  /** One `; attribute=value` (RFC 2045 §5.1); 1 = a parameter was read, 0 = no more, -1 = invalid. */
  parseContentParam(): { ret: number; key: string | null; value: string } {
    const value = new Text();
    if (this.pos >= this.end) return { ret: 0, key: null, value: '' };
    if (this.peek() !== 0x3b) return { ret: -1, key: null, value: '' };
    this.pos++;
    if (this.skipLwsp() <= 0) return { ret: -1, key: null, value: '' };
    const key = new Text();
    if (this.parseMimeToken(key) <= 0) return { ret: -1, key: null, value: '' };
    if (this.peek() !== 0x3d) return { ret: -1, key: null, value: '' };
    this.pos++;
    let ret = this.skipLwsp();
    if (ret <= 0) {
      // no value at all
    } else if (this.peek() === 0x22) {
      ret = this.parseQuotedString(value);
    } else if (this.peek() === 0x3d) {
      // broken senders write name==?utf-8?b?...?= unquoted: take it up to the next separator
      const start = this.pos;
      while (this.pos < this.end && !' \t\r\n;'.includes(this.data[this.pos])) this.pos++;
      value.value = this.data.slice(start, this.pos).split('\0', 1)[0];
    } else {
      ret = this.parseMimeToken(value);
    }
    return { ret: ret < 0 ? -1 : 1, key: key.value, value: value.value };
  }

  private parseAtomOrDot(out: Text): number {
    const start = this.pos;
    while (this.pos < this.end && (isAtext(this.data.charCodeAt(this.pos)) || this.data.charCodeAt(this.pos) === 0x2e)) {
      this.pos++;
    }
    out.value += this.data.slice(start, this.pos);
    return this.pos < this.end ? this.skipLwsp() : 0;
  }

  private parseDomainLiteral(out: Text): number {
    let start = this.pos++;
    for (; this.pos < this.end; this.pos++) {
      const c = this.data.charCodeAt(this.pos);
      if (c === 0) {
        if (this.nulReplacement !== null) {
          out.value += this.data.slice(start, this.pos) + this.nulReplacement;
          start = this.pos + 1;
        }
      } else if (c === 0x5b) {
        return -1;
      } else if (c === 0x5d) {
        out.value += this.data.slice(start, this.pos + 1);
        this.pos++;
        return this.skipLwsp();
      } else if (c === 0x0a) {
        out.value += this.withoutTrailingCr(start, this.pos);
        start = this.pos + 1;
      } else if (c === 0x5c) {
        // the backslash is kept in a domain literal
        this.pos++;
        if (this.pos >= this.end) return -1;
        if (this.isCrLfNul(this.pos)) {
          out.value += this.data.slice(start, this.pos);
          start = this.pos;
          this.pos--;
        }
      }
    }
    return -1;
  }

  private withoutTrailingCr(start: number, lf: number): string {
    const end = lf > start && this.data.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    return this.data.slice(start, end);
  }

  private isCrLfNul(pos: number): boolean {
    const c = this.data.charCodeAt(pos);
    return c === 0x0d || c === 0x0a || c === 0;
  }
}
