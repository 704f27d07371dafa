// From-quoting of mbox bodies, applied on the fly to a byte stream with bounded memory.
//  - mboxrd (what we write and read by default): writing adds one '>' to every line matching /^>*From /,
//    reading removes one '>' from every line matching /^>+From /. The round trip is exact.
//  - mboxo (read with an option): writers only quoted /^From /, so reading removes one '>' from lines
//    matching exactly /^>From /; deeper quoting is left alone. Lossy by design of that format: a message
//    that really had a ">From " line comes back as "From ".
// (RFC 4155 §2 and the mbox variants it points to.)

export type QuotingMode = 'escape' | 'unescape-mboxrd' | 'unescape-mboxo';

const FROM = Buffer.from('From ');
const GT = 0x3e;
const LF = 0x0a;

function quotedPrefix(mode: QuotingMode, quotes: number): Buffer {
  let out: number;
  if (mode === 'escape') out = quotes + 1;
  else if (mode === 'unescape-mboxrd') out = Math.max(quotes - 1, 0);
  else out = quotes === 1 ? 0 : quotes;
  return Buffer.concat([Buffer.alloc(out, GT), FROM]);
}

/** Streams `source` with From-quoting added or removed at every line start. */
export async function* requoteFromLines(source: AsyncIterable<Buffer>, mode: QuotingMode): AsyncIterable<Buffer> {
  // State of the line start being examined: how many '>' so far, how much of "From " matched after them.
  let atLineStart = true;
  let quotes = 0;
  let matched = 0;
  const pendingBytes = () => Buffer.concat([Buffer.alloc(quotes, GT), FROM.subarray(0, matched)]);

  for await (const chunk of source) {
    const out: Buffer[] = [];
    let position = 0;
    while (position < chunk.length) {
      if (atLineStart) {
        const byte = chunk[position]!;
        if (byte === GT && matched === 0) {
          quotes++;
          position++;
          continue;
        }
        if (byte === FROM[matched]) {
          matched++;
          position++;
          if (matched === FROM.length) {
            out.push(quotedPrefix(mode, quotes));
            atLineStart = false;
          }
          continue;
        }
        // not a From line: give back what was held, and read this byte as ordinary line content
        if (quotes > 0 || matched > 0) out.push(pendingBytes());
        atLineStart = false;
      }
      const newline = chunk.indexOf(LF, position);
      const end = newline < 0 ? chunk.length : newline + 1;
      out.push(chunk.subarray(position, end));
      position = end;
      if (newline >= 0) {
        atLineStart = true;
        quotes = 0;
        matched = 0;
      }
    }
    if (out.length > 0) yield out.length === 1 ? out[0]! : Buffer.concat(out);
  }
  if (atLineStart && (quotes > 0 || matched > 0)) yield pendingBytes();
}
