// Modified UTF-7 for IMAP mailbox names (RFC 3501 §5.1.3).
//
// Printable US-ASCII (0x20–0x7e) stands for itself, except "&" which is written "&-". Every other run of
// characters is written as "&" + modified BASE64 of its UTF-16BE code units + "-", where modified BASE64 is
// RFC 2045 base64 with "," instead of "/" and without "=" padding.
//
// The decoder is strict: it accepts exactly what the encoder produces, so that a name has one spelling and
// the same folder can never appear twice under two encodings (the double-encoding bug of many sync tools).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';
const VALUE_OF = new Map<string, number>([...ALPHABET].map((ch, i) => [ch, i]));

// In a /u regex a surrogate range matches only surrogates that are not part of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

function isDirect(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

function encodeRun(units: number[]): string {
  let out = '';
  let bits = 0;
  let bitCount = 0;
  for (const unit of units) {
    bits = (bits << 16) | unit;
    bitCount += 16;
    while (bitCount >= 6) {
      bitCount -= 6;
      out += ALPHABET[(bits >> bitCount) & 0x3f];
    }
    bits &= (1 << bitCount) - 1;
  }
  // RFC 3501 §5.1.3 / RFC 2152: pad the final sextet with zero bits, never with "=".
  if (bitCount > 0) out += ALPHABET[(bits << (6 - bitCount)) & 0x3f];
  return out;
}

/** Encodes a Unicode mailbox name into modified UTF-7. */
export function encodeMailboxName(unicode: string): string {
  if (LONE_SURROGATE.test(unicode)) throw new Error('mailbox name contains an unpaired UTF-16 surrogate');
  let out = '';
  let run: number[] = [];
  for (let i = 0; i < unicode.length; i++) {
    const code = unicode.charCodeAt(i);
    if (isDirect(code)) {
      if (run.length > 0) {
        out += `&${encodeRun(run)}-`;
        run = [];
      }
      out += code === 0x26 ? '&-' : unicode[i];
    } else {
      run.push(code);
    }
  }
  if (run.length > 0) out += `&${encodeRun(run)}-`;
  return out;
}

function decodeRun(text: string, at: number): string {
  let bits = 0;
  let bitCount = 0;
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const value = VALUE_OF.get(text[i]);
    if (value === undefined) {
      throw new Error(`invalid modified UTF-7: "${text[i]}" is not a modified BASE64 character (offset ${at + i})`);
    }
    bits = ((bits << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 16) {
      bitCount -= 16;
      units.push((bits >> bitCount) & 0xffff);
    }
  }
  // Leftover bits must be fewer than 6 and all zero, otherwise the run was cut or padded wrongly.
  if (bitCount >= 6 || (bits & ((1 << bitCount) - 1)) !== 0) {
    throw new Error(`invalid modified UTF-7: shifted run at offset ${at} is not padded correctly`);
  }
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = units[i + 1];
      if (low === undefined || low < 0xdc00 || low > 0xdfff) {
        throw new Error(`invalid modified UTF-7: unpaired high surrogate in shifted run at offset ${at}`);
      }
      out += String.fromCharCode(unit, low);
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      throw new Error(`invalid modified UTF-7: unpaired low surrogate in shifted run at offset ${at}`);
    } else if (isDirect(unit)) {
      // RFC 3501 §5.1.3: BASE64 MUST NOT be used for a printable US-ASCII character.
      throw new Error(`invalid modified UTF-7: printable ASCII encoded in shifted run at offset ${at}`);
    } else {
      out += String.fromCharCode(unit);
    }
  }
  return out;
}

/** Decodes a modified UTF-7 mailbox name; throws an Error naming the problem and its offset. */
export function decodeMailboxName(mutf7: string): string {
  let out = '';
  let i = 0;
  let previousWasShift = false;
  while (i < mutf7.length) {
    const code = mutf7.charCodeAt(i);
    if (!isDirect(code)) {
      throw new Error(`invalid modified UTF-7: character U+${code.toString(16).padStart(4, '0')} at offset ${i} must be encoded`);
    }
    if (code !== 0x26) {
      out += mutf7[i];
      i++;
      previousWasShift = false;
      continue;
    }
    const end = mutf7.indexOf('-', i + 1);
    if (end < 0) throw new Error(`invalid modified UTF-7: "&" at offset ${i} is not closed by "-"`);
    if (end === i + 1) {
      out += '&';
      previousWasShift = false;
    } else {
      // Two adjacent shifted runs are one run written twice: not the canonical spelling.
      if (previousWasShift) throw new Error(`invalid modified UTF-7: adjacent shifted runs at offset ${i}`);
      out += decodeRun(mutf7.slice(i + 1, end), i + 1);
      previousWasShift = true;
    }
    i = end + 1;
  }
  return out;
}

/** True when `s` is canonical modified UTF-7 (what encodeMailboxName would produce for some name). */
export function isValidMutf7(s: string): boolean {
  try {
    decodeMailboxName(s);
    return true;
  } catch {
    return false;
  }
}
