// Small helpers to write corpus messages as readable templates: "\n" in a template becomes CRLF unless the
// message is meant to show bare LF, and binary parts are generated deterministically.

/** Template text with every "\n" turned into CRLF, as bytes (latin1, so \xNN escapes stay single bytes). */
export function crlf(text: string): Buffer {
  return Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
}

/** Template text kept with bare LF line endings. */
export function lf(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** Deterministic pseudo-random bytes (xorshift32), so regenerating the corpus gives identical files. */
export function pseudoRandom(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Base64 wrapped at 76 characters per line (RFC 2045 §6.8), lines joined with "\n". */
export function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\n');
}

/** A long run of words, for long-line and folding cases. */
export function words(count: number, word = 'lorem'): string {
  return Array.from({ length: count }, (_, i) => `${word}${i}`).join(' ');
}
