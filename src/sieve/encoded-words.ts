// RFC 2047 encoded-words ("=?utf-8?B?...?=") in header values, decoded for Sieve comparisons (RFC 5228 §2.7.2:
// header values are compared after decoding). Unknown charsets and malformed words are left as they are.

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string | null {
  const label = charset.split('*')[0]!.toLowerCase(); // RFC 2231 §5 language suffix
  let bytes: Buffer;
  if (encoding.toUpperCase() === 'B') {
    bytes = Buffer.from(text, 'base64');
  } else {
    // RFC 2047 §4.2: "_" is a space, "=XX" a byte
    const parts: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '_') parts.push(0x20);
      else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
        parts.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else parts.push(c.charCodeAt(0) & 0xff);
    }
    bytes = Buffer.from(parts);
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeEncodedWords(value: string): string {
  // RFC 2047 §6.2: white space between two adjacent encoded-words is ignored
  const joined = value.replace(/(\?=)[ \t]+(=\?)/g, '$1$2');
  return joined.replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => decodeWord(charset, encoding, text) ?? word);
}

/** Header bytes read as latin1 → text: UTF-8 when the bytes are valid UTF-8 (RFC 6532), latin1 otherwise. */
export function headerText(latin1: string): string {
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  const bytes = Buffer.from(latin1, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return latin1;
  }
}
