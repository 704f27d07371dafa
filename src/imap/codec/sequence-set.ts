// Sequence sets (RFC 3501 §9 sequence-set, §6.4.8 for UIDs; RFC 5182 "$"): parse, resolve against a
// mailbox without expanding ranges into arrays, and format a list of numbers back into a compact set.

import { ParseError } from './parse-error.ts';

/** A number as written, or "*": the largest number in use (RFC 3501 §9 seq-number). */
export type SeqBound = number | '*';

/** "a:b" as written; a single number has from === to. The order of the bounds does not matter. */
export interface SeqRange {
  from: SeqBound;
  to: SeqBound;
}

/** A sequence set, or "$": the result saved by the last SEARCH RETURN (SAVE) (RFC 5182 §2.1). */
export type SequenceSet = { kind: 'set'; ranges: SeqRange[] } | { kind: 'saved' };

/** An inclusive range with lo <= hi. Lists of intervals are sorted and do not overlap or touch. */
export type Interval = readonly [lo: number, hi: number];

const SET_CHAR = /^[0-9:,*$]*$/;

/** Parses "1:*,5,7:9" or "$". Positions in errors are relative to `text`. */
export function parseSequenceSet(text: string): SequenceSet {
  if (text === '$') return { kind: 'saved' };
  if (text.length === 0) throw new ParseError('expected sequence set', { offset: 0 });
  if (!SET_CHAR.test(text)) throw new ParseError(`invalid character in sequence set "${text}"`, { offset: 0 });
  const ranges: SeqRange[] = [];
  let at = 0;
  for (const item of text.split(',')) {
    const bounds = item.split(':');
    if (bounds.length > 2) throw new ParseError(`too many ":" in sequence set item "${item}"`, { offset: at });
    const from = parseBound(bounds[0], at);
    const to = bounds.length === 2 ? parseBound(bounds[1], at + bounds[0].length + 1) : from;
    ranges.push({ from, to });
    at += item.length + 1;
  }
  return { kind: 'set', ranges };
}

function parseBound(text: string, at: number): SeqBound {
  if (text === '*') return '*';
  if (!/^[0-9]+$/.test(text)) throw new ParseError(`expected a number or "*" in sequence set, got "${text}"`, { offset: at });
  if (text.length > 10 || Number(text) > 0xffffffff) throw new ParseError(`sequence number ${text} too large`, { offset: at });
  const value = Number(text);
  if (value === 0) throw new ParseError('sequence number 0 is not allowed (nz-number)', { offset: at });
  return value;
}

/** Writes a set back in wire form. */
export function formatSequenceSet(set: SequenceSet): string {
  if (set.kind === 'saved') return '$';
  return set.ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}:${r.to}`)).join(',');
}

/** Whether the set mentions "*". */
export function hasStar(set: SequenceSet & { kind: 'set' }): boolean {
  return set.ranges.some((r) => r.from === '*' || r.to === '*');
}

/** The largest number written in the set, ignoring "*": above the message count means BAD (RFC 3501 §9). */
export function largestNumber(set: SequenceSet & { kind: 'set' }): number {
  let max = 0;
  for (const { from, to } of set.ranges) {
    if (from !== '*' && from > max) max = from;
    if (to !== '*' && to > max) max = to;
  }
  return max;
}

/**
 * Sorted, merged intervals with "*" standing for `star` (the message count, or the largest UID in use).
 * RFC 3501 §6.4.8: "n:*" with n above the largest UID still means the largest UID, so an empty mailbox
 * (star 0) yields intervals that can only match nothing real.
 */
export function toIntervals(set: SequenceSet & { kind: 'set' }, star: number): Interval[] {
  const raw = set.ranges.map(({ from, to }): [number, number] => {
    const a = from === '*' ? star : from;
    const b = to === '*' ? star : to;
    return a <= b ? [a, b] : [b, a];
  });
  raw.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [lo, hi] of raw) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

/** Number of values the intervals cover. */
export function intervalsSize(intervals: readonly Interval[]): number {
  let count = 0;
  for (const [lo, hi] of intervals) count += hi - lo + 1;
  return count;
}

/** Every value of the intervals in ascending order, one at a time. */
export function* iterateIntervals(intervals: readonly Interval[]): Generator<number> {
  for (const [lo, hi] of intervals) for (let n = lo; n <= hi; n++) yield n;
}

/** Whether `n` lies in the intervals (binary search). */
export function intervalsContain(intervals: readonly Interval[], n: number): boolean {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = intervals[mid];
    if (n < a) hi = mid - 1;
    else if (n > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** First index in ascending `sorted` at or after `from` whose value is >= `value`. */
function lowerBound(sorted: ArrayLike<number>, value: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Indexes of the values of ascending `sorted` (e.g. a mailbox's UIDs, index = sequence number - 1) that
 * lie in the intervals. Costs O(intervals × log n + matches): "1:4294967295" over 3 UIDs is three steps.
 */
export function* matchSorted(intervals: readonly Interval[], sorted: ArrayLike<number>): Generator<number> {
  let index = 0;
  for (const [lo, hi] of intervals) {
    index = lowerBound(sorted, lo, index);
    while (index < sorted.length && sorted[index] <= hi) yield index++;
    if (index >= sorted.length) return;
  }
}

/**
 * Formats numbers as a compact set, keeping their order: runs that go up by one become "a:b".
 * For COPYUID the source and destination sets must correspond in order (RFC 4315 §3), so order is kept.
 */
export function formatNumbers(numbers: Iterable<number>): string {
  const items: string[] = [];
  let start = -1;
  let previous = -1;
  const flush = () => {
    if (start >= 0) items.push(start === previous ? `${start}` : `${start}:${previous}`);
  };
  for (const n of numbers) {
    if (start >= 0 && n === previous + 1) {
      previous = n;
      continue;
    }
    flush();
    start = n;
    previous = n;
  }
  flush();
  return items.join(',');
}
