// Splits one raw untagged FETCH response ("* 3 FETCH (UID 7 ENVELOPE (...) BODY[1] {12}\r\n...)") into its
// items, each value kept as the exact bytes the server sent (RFC 3501 §7.4.2), so tests compare wire text.

export interface FetchResponse {
  seq: number;
  /** item name as sent, upper-cased (e.g. "BODY[1.MIME]") → raw value bytes */
  items: Map<string, Buffer>;
}

export function parseFetchResponse(raw: Buffer): FetchResponse {
  const head = /^\* (\d+) FETCH \(/.exec(raw.subarray(0, 40).toString('latin1'));
  if (!head) throw new Error(`not a FETCH response: ${raw.subarray(0, 60).toString('latin1')}`);
  const items = new Map<string, Buffer>();
  let pos = head[0].length;
  while (pos < raw.length && raw[pos] !== 0x29 /* ) */) {
    const nameEnd = itemNameEnd(raw, pos);
    const name = raw.subarray(pos, nameEnd).toString('latin1').toUpperCase();
    if (raw[nameEnd] !== 0x20) throw new Error(`expected space after ${name}`);
    const valueEnd = skipValue(raw, nameEnd + 1);
    items.set(name, raw.subarray(nameEnd + 1, valueEnd));
    pos = valueEnd;
    if (raw[pos] === 0x20) pos++;
  }
  return { seq: Number(head[1]), items };
}

/** An item name is an atom that may carry a [section] (with spaces inside) and a <partial>. */
function itemNameEnd(raw: Buffer, start: number): number {
  let pos = start;
  let inSection = false;
  for (; pos < raw.length; pos++) {
    const c = raw[pos];
    if (c === 0x5b) inSection = true;
    else if (c === 0x5d) inSection = false;
    else if (c === 0x20 && !inSection) break;
  }
  return pos;
}

/** Returns the index just past the value starting at `start`: a list, quoted string, literal or atom. */
export function skipValue(raw: Buffer, start: number): number {
  const c = raw[start];
  if (c === 0x28 /* ( */) {
    let pos = start + 1;
    while (raw[pos] !== 0x29) {
      if (raw[pos] === 0x20) { pos++; continue; }
      pos = skipValue(raw, pos);
    }
    return pos + 1;
  }
  if (c === 0x22 /* " */) {
    let pos = start + 1;
    while (raw[pos] !== 0x22) pos += raw[pos] === 0x5c ? 2 : 1;
    return pos + 1;
  }
  if (c === 0x7b /* { */ || (c === 0x7e /* ~ */ && raw[start + 1] === 0x7b)) {
    const close = raw.indexOf(0x7d, start);
    const size = Number(raw.subarray(raw.indexOf(0x7b, start) + 1, close).toString('latin1'));
    return close + 3 + size; // "}" CRLF then the bytes
  }
  let pos = start;
  while (pos < raw.length && raw[pos] !== 0x20 && raw[pos] !== 0x29) pos++;
  return pos;
}

/** The bytes of a literal or quoted-string value, NIL as null (for BODY[section] contents). */
export function stringValue(value: Buffer): Buffer | null {
  if (value.toString('latin1') === 'NIL') return null;
  if (value[0] === 0x22) return Buffer.from(value.subarray(1, -1).toString('latin1').replace(/\\(.)/g, '$1'), 'latin1');
  const close = value.indexOf(0x7d);
  return value.subarray(close + 3);
}
