import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, imapDateToUtc, parseDate, parseDateTime } from '../../../src/imap/codec/date.ts';
import { ParseError } from '../../../src/imap/codec/parse-error.ts';

test('dates (SEARCH): one or two digit day, any case month', () => {
  assert.deepEqual(parseDate('1-Feb-1994'), { year: 1994, month: 2, day: 1 });
  assert.deepEqual(parseDate('01-feb-1994'), { year: 1994, month: 2, day: 1 });
  assert.deepEqual(parseDate('29-FEB-2000'), { year: 2000, month: 2, day: 29 });
  assert.equal(formatDate({ year: 1994, month: 2, day: 1 }), '1-Feb-1994');
  assert.equal(imapDateToUtc({ year: 2024, month: 3, day: 9 }).toISOString(), '2024-03-09T00:00:00.000Z');
  assert.equal(imapDateToUtc({ year: 50, month: 1, day: 1 }).getUTCFullYear(), 50);
  for (const bad of ['29-Feb-1900', '31-Apr-2020', '0-Jan-2020', '1-Jan-20', '1-Jaa-2020', '1 Jan 2020', '', '123-Jan-2020']) {
    assert.throws(() => parseDate(bad), ParseError, bad);
  }
});

test('date-times (APPEND, INTERNALDATE) with zones', () => {
  const parsed = parseDateTime('17-Jul-1996 02:44:25 -0700');
  assert.equal(parsed.date.toISOString(), '1996-07-17T09:44:25.000Z');
  assert.equal(parsed.offsetMinutes, -420);
  assert.equal(parseDateTime(' 7-Jul-1996 02:44:25 +0530').date.toISOString(), '1996-07-06T21:14:25.000Z');
  assert.equal(parseDateTime('7-Jul-1996 02:44:25 +0000').date.toISOString(), '1996-07-07T02:44:25.000Z');
  for (const bad of ['17-Jul-1996 24:00:00 +0000', '17-Jul-1996 02:44 +0000', '17-Jul-1996 02:44:25', '17-Jul-1996 02:44:25 +0060', '17-Jul-1996  02:44:25 +0000', '32-Jul-1996 02:44:25 +0000']) {
    assert.throws(() => parseDateTime(bad), ParseError, bad);
  }
});

test('formatting pads the day with a space and round-trips', () => {
  const date = new Date('1996-07-07T09:44:25Z');
  assert.equal(formatDateTime(date), ' 7-Jul-1996 09:44:25 +0000');
  assert.equal(formatDateTime(date, -420), ' 7-Jul-1996 02:44:25 -0700');
  assert.equal(formatDateTime(new Date('2021-12-31T23:30:00Z'), 90),  ' 1-Jan-2022 01:00:00 +0130');
  for (let i = 0; i < 200; i++) {
    const when = new Date(Math.floor((i * 7_919_993_011) % 4_000_000_000) * 1000);
    const offset = ((i * 37) % 1440) - 720;
    const back = parseDateTime(formatDateTime(when, offset));
    assert.equal(back.date.getTime(), when.getTime());
    assert.equal(back.offsetMinutes, offset);
  }
});
