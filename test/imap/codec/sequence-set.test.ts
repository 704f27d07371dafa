import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNumbers,
  formatSequenceSet,
  hasStar,
  intervalsContain,
  intervalsSize,
  iterateIntervals,
  largestNumber,
  matchSorted,
  parseSequenceSet,
  toIntervals,
} from '../../../src/imap/codec/sequence-set.ts';
import type { SequenceSet } from '../../../src/imap/codec/sequence-set.ts';
import { ParseError } from '../../../src/imap/codec/parse-error.ts';

const set = (text: string) => {
  const parsed = parseSequenceSet(text);
  assert.equal(parsed.kind, 'set');
  return parsed as SequenceSet & { kind: 'set' };
};

test('parses numbers, ranges, "*" and "$"', () => {
  assert.deepEqual(parseSequenceSet('1:*,5,7:9'), { kind: 'set', ranges: [{ from: 1, to: '*' }, { from: 5, to: 5 }, { from: 7, to: 9 }] });
  assert.deepEqual(parseSequenceSet('*:4'), { kind: 'set', ranges: [{ from: '*', to: 4 }] });
  assert.deepEqual(parseSequenceSet('4294967295'), { kind: 'set', ranges: [{ from: 4294967295, to: 4294967295 }] });
  assert.deepEqual(parseSequenceSet('$'), { kind: 'saved' });
  for (const text of ['1:*,5,7:9', '*', '3:2', '$']) assert.equal(formatSequenceSet(parseSequenceSet(text)), text);
  assert.equal(hasStar(set('1:*')), true);
  assert.equal(hasStar(set('1:5')), false);
  assert.equal(largestNumber(set('3,10:2,*')), 10);
});

test('rejects malformed sets with ParseError', () => {
  for (const text of ['', '0', '1:0', '1,', ',1', '1::2', '1:2:3', 'a', '4294967296', '1:$', '$,1', '99999999999', '-1']) {
    assert.throws(() => parseSequenceSet(text), ParseError, JSON.stringify(text));
  }
});

test('resolves to sorted merged intervals; "*" is the largest value and ranges are unordered', () => {
  assert.deepEqual(toIntervals(set('1:*,5,7:9'), 6), [[1, 9]]);
  assert.deepEqual(toIntervals(set('9:7,2,3,1'), 100), [[1, 3], [7, 9]]);
  assert.deepEqual(toIntervals(set('5:*'), 3), [[3, 5]]);
  assert.deepEqual(toIntervals(set('*'), 0), [[0, 0]]);
  assert.equal(intervalsSize(toIntervals(set('1:10,20:29'), 0)), 20);
});

test('iterates and tests membership without expanding huge ranges', () => {
  const intervals = toIntervals(set('1:4294967295'), 10);
  assert.equal(intervalsContain(intervals, 4_000_000_000), true);
  assert.equal(intervalsContain(toIntervals(set('2,4:6,10'), 0), 7), false);
  assert.equal(intervalsContain(toIntervals(set('2,4:6,10'), 0), 10), true);
  const first = [];
  for (const n of iterateIntervals(intervals)) {
    first.push(n);
    if (first.length === 3) break;
  }
  assert.deepEqual(first, [1, 2, 3]);
  const uids = [3, 17, 4_000_000_000];
  assert.deepEqual([...matchSorted(intervals, uids)], [0, 1, 2]);
  assert.deepEqual([...matchSorted(toIntervals(set('4:16,18:*'), 4_000_000_000), uids)], [2]);
  assert.deepEqual([...matchSorted(toIntervals(set('1:2'), 0), uids)], []);
  const many = Array.from({ length: 100_000 }, (_, i) => i * 2 + 1);
  assert.deepEqual([...matchSorted(toIntervals(set('10:20,199999'), 0), many)], [5, 6, 7, 8, 9, 99999]);
});

test('formats numbers compactly, keeping their order', () => {
  assert.equal(formatNumbers([1, 2, 3, 5, 7, 8, 9]), '1:3,5,7:9');
  assert.equal(formatNumbers([]), '');
  assert.equal(formatNumbers([42]), '42');
  assert.equal(formatNumbers([5, 6, 1, 2, 9]), '5:6,1:2,9');
  assert.equal(formatNumbers(new Set([3, 4])), '3:4');
});
