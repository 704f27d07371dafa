// UID sets as IMAP writes them (RFC 3501 §9 sequence-set): `1:4,7,9:12`.

/** Sorted, de-duplicated ranges: [1,2,3,4,7] → "1:4,7". */
export function compressUids(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Every number of a set, in the order written, each range ascending (RFC 4315 §4.3 reads COPYUID and
 * APPENDUID sets this way). `*` needs `largest`; refuses sets that would expand past `limit` numbers.
 */
export function expandSequenceSet(set: string, options: { largest?: number; limit?: number } = {}): number[] {
  const limit = options.limit ?? 10_000_000;
  const out: number[] = [];
  for (const part of set.split(',')) {
    const [from, to] = part.split(':').map((value) => parseSetNumber(value, options.largest));
    const low = to === undefined ? from! : Math.min(from!, to);
    const high = to === undefined ? from! : Math.max(from!, to);
    if (out.length + (high - low + 1) > limit) throw new RangeError(`sequence set larger than ${limit}`);
    for (let n = low; n <= high; n++) out.push(n);
  }
  return out;
}

function parseSetNumber(value: string, largest: number | undefined): number {
  if (value === '*') {
    if (largest === undefined) throw new RangeError('"*" in a sequence set with no known largest value');
    return largest;
  }
  if (!/^\d+$/.test(value)) throw new RangeError(`not a sequence number: ${JSON.stringify(value.slice(0, 20))}`);
  return Number(value);
}

/** Splits UIDs into sets whose text stays under `maxChars` (servers cap command line length). */
export function chunkUidSets(uids: Iterable<number>, maxChars = 8000): string[] {
  const ranges = compressUids(uids).split(',').filter((range) => range !== '');
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const range of ranges) {
    if (current.length > 0 && length + range.length + 1 > maxChars) {
      chunks.push(current.join(','));
      current = [];
      length = 0;
    }
    current.push(range);
    length += range.length + 1;
  }
  if (current.length > 0) chunks.push(current.join(','));
  return chunks;
}
