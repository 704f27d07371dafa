// Turning stored bytes into text to search (RFC 3501 §6.4.4: header and body searches match decoded text):
// RFC 2047 encoded words in headers, Content-Transfer-Encoding (RFC 2045 §6.7, §6.8) and charsets in bodies.

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** A decoder for a MIME charset name; unknown names fall back to windows-1252 (a superset of latin1). */
export function charsetDecoder(charset: string | null): TextDecoder {
  const label = (charset ?? 'us-ascii').trim().toLowerCase();
  try {
    return new TextDecoder(label === 'us-ascii' ? 'utf-8' : label);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

/**
 * Raw header bytes (held as latin1) as text: valid UTF-8 sequences decode as UTF-8 and any other byte as
 * latin1, so a header mixing both (8-bit mail from old clients) still matches what it shows.
 */
export function headerBytesToText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x80-\xff]/.test(raw)) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return mixedUtf8(bytes);
  }
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function mixedUtf8(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const length = bytes[i]! < 0x80 ? 1 : sequenceLength(bytes[i]!);
    if (length > 1) {
      try {
        out += utf8Fatal.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not a valid sequence: fall through to latin1
      }
    }
    out += String.fromCharCode(bytes[i]!);
    i++;
  }
  return out;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string {
  const language = charset.indexOf('*'); // RFC 2231 §5: charset*language
  const name = language >= 0 ? charset.slice(0, language) : charset;
  const bytes = encoding.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64')
    : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return charsetDecoder(name).decode(bytes);
}

/** RFC 2047 §6: decodes encoded words; whitespace between two adjacent encoded words is dropped. */
export function decodeHeaderValue(raw: string): string {
  const text = headerBytesToText(raw);
  let out = '';
  let last = 0;
  let previousWasWord = false;
  for (const match of text.matchAll(ENCODED_WORD)) {
    const between = text.slice(last, match.index);
    if (!(previousWasWord && /^[ \t\r\n]*$/.test(between))) out += between;
    out += decodeWord(match[1]!, match[2]!, match[3]!);
    last = match.index! + match[0].length;
    previousWasWord = true;
  }
  return out + text.slice(last);
}

const KNOWN_ENCODINGS = new Set(['7bit', '8bit', 'binary', 'base64', 'quoted-printable']);

/** Parts in an encoding nobody can decode (x-uuencode, typos) are not searched, as Dovecot does. */
export function isSearchableEncoding(encoding: string): boolean {
  return KNOWN_ENCODINGS.has(encoding.trim().toLowerCase());
}

/** Streaming Content-Transfer-Encoding decoder: base64 and quoted-printable; anything else passes through. */
export class TransferDecoder {
  private carry = '';
  private readonly kind: 'base64' | 'qp' | 'identity';

  constructor(encoding: string) {
    const name = encoding.trim().toLowerCase();
    this.kind = name === 'base64' ? 'base64' : name === 'quoted-printable' ? 'qp' : 'identity';
  }

  push(chunk: Buffer): Buffer {
    if (this.kind === 'identity') return chunk;
    if (this.kind === 'base64') {
      const text = this.carry + chunk.toString('latin1').replace(/[^A-Za-z0-9+/]/g, '');
      const usable = text.length - (text.length % 4);
      this.carry = text.slice(usable);
      return Buffer.from(text.slice(0, usable), 'base64');
    }
    let text = this.carry + chunk.toString('latin1');
    // an escape or a soft line break cut by the chunk boundary waits for the next chunk
    const cut = text.lastIndexOf('=');
    this.carry = cut >= 0 && cut > text.length - 3 ? text.slice(cut) : '';
    if (this.carry) text = text.slice(0, cut);
    return Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  }

  end(): Buffer {
    const rest = this.carry;
    this.carry = '';
    if (this.kind === 'base64') return Buffer.from(rest, 'base64');
    return Buffer.from(rest.replace(/=\r?\n?$/, ''), 'latin1');
  }
}
