// IMAP dates (RFC 3501 §9 "date", used by SEARCH) and date-times ("date-time", used by APPEND and
// INTERNALDATE): parse and format.

import { ParseError } from './parse-error.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m.toUpperCase(), i + 1]));

/** A calendar date without time or zone: SEARCH BEFORE/ON/SINCE compare days (RFC 3501 §6.4.4). */
export interface ImapDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface ImapDateTime {
  date: Date;
  /** the zone written by the client, in minutes east of UTC ("-0700" is -420) */
  offsetMinutes: number;
}

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

function fail(message: string): never {
  throw new ParseError(message);
}

/** date-text = date-day "-" date-month "-" date-year, e.g. "1-Feb-1994" (no quotes). */
export function parseDate(text: string): ImapDate {
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (!match) fail(`invalid date "${text}", expected d-Mon-yyyy`);
  return checkedDate(Number(match[1]), match[2], Number(match[3]), text);
}

function checkedDate(day: number, monthName: string, year: number, text: string): ImapDate {
  const month = MONTH_INDEX.get(monthName.toUpperCase());
  if (month === undefined) fail(`invalid month "${monthName}" in "${text}"`);
  if (day < 1 || day > daysInMonth(year, month)) fail(`invalid day ${day} in "${text}"`);
  return { year, month, day };
}

/**
 * date-time = date-day-fixed "-" date-month "-" date-year SP time SP zone (the text inside the quotes),
 * e.g. "17-Jul-1996 02:44:25 -0700" or " 7-Jul-1996 02:44:25 +0000". A one-digit day without the
 * leading space is accepted too, since some clients send it.
 */
export function parseDateTime(text: string): ImapDateTime {
  const match = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!match) fail(`invalid date-time "${text}", expected "dd-Mon-yyyy hh:mm:ss +zzzz"`);
  const { year, month, day } = checkedDate(Number(match[1]), match[2], Number(match[3]), text);
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (hour > 23 || minute > 59 || second > 60) fail(`invalid time in "${text}"`);
  const zoneMinutes = Number(match[9]);
  if (zoneMinutes > 59) fail(`invalid zone in "${text}"`);
  const offsetMinutes = (match[7] === '-' ? -1 : 1) * (Number(match[8]) * 60 + zoneMinutes);
  const epochMs = utc(year, month, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  return { date: new Date(epochMs), offsetMinutes };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "1-Feb-1994" */
export function formatDate(date: ImapDate): string {
  return `${date.day}-${MONTHS[date.month - 1]}-${date.year}`;
}

/** date-time text without quotes, day padded with a space (date-day-fixed): " 7-Jul-1996 02:44:25 +0000". */
export function formatDateTime(date: Date, offsetMinutes = 0): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const day = String(local.getUTCDate()).padStart(2, ' ');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const zone = Math.abs(offsetMinutes);
  return (
    `${day}-${MONTHS[local.getUTCMonth()]}-${local.getUTCFullYear()} ` +
    `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())} ` +
    `${sign}${pad2(Math.floor(zone / 60))}${pad2(zone % 60)}`
  );
}

/** Midnight UTC of the day, for comparisons. */
export function imapDateToUtc(date: ImapDate): Date {
  return new Date(utc(date.year, date.month, date.day));
}
