// HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 3501 §6.4.5): the header fields whose names are (or are not) in the
// list, byte for byte with their folded lines, in message order, then the blank line that ends a header.

/** Splits a header block into fields: a field is a line and the continuation lines (starting SP or HT) after it. */
export function* headerFields(header: Buffer): Generator<{ name: string; raw: Buffer }> {
  let start = 0;
  let at = 0;
  while (at < header.length) {
    const lf = header.indexOf(0x0a, at);
    const lineEnd = lf < 0 ? header.length : lf + 1;
    const next = header[lineEnd];
    at = lineEnd;
    if (next === 0x20 || next === 0x09) continue; // folded: the field goes on
    const raw = header.subarray(start, lineEnd);
    start = lineEnd;
    const colon = raw.indexOf(0x3a);
    if (colon <= 0) continue; // the blank line, or a line that is not a field
    yield { name: raw.toString('latin1', 0, colon).trim(), raw };
  }
}

export function filterHeaderFields(header: Buffer, fields: readonly string[], exclude: boolean): Buffer {
  const wanted = new Set(fields.map((f) => f.toLowerCase()));
  const kept: Buffer[] = [];
  for (const field of headerFields(header)) {
    if (wanted.has(field.name.toLowerCase()) !== exclude) {
      kept.push(field.raw);
      // a last field without its line end still ends its line in the answer
      if (field.raw[field.raw.length - 1] !== 0x0a) kept.push(Buffer.from('\r\n'));
    }
  }
  kept.push(Buffer.from('\r\n'));
  return Buffer.concat(kept);
}
