// The calendar day of a Date: header (RFC 5322 §3.3) for SENTBEFORE / SENTON / SENTSINCE: RFC 3501 §6.4.4
// compares dates "disregarding time and timezone", so the day is read as written, in the sender's zone.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Days since 1970-01-01 of the date written in the header; without a readable one, day 0 (as Dovecot does). */
export function sentDay(header: string | null): number {
  if (!header) return 0;
  const match = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})/.exec(header);
  if (!match) return 0;
  const month = MONTHS.indexOf(match[2]!.toLowerCase());
  if (month < 0) return 0;
  let year = Number(match[3]);
  // RFC 5322 §4.3: two-digit years below 50 are 20xx, others 19xx; three digits add 1900
  if (match[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (match[3]!.length === 3) year += 1900;
  const day = Number(match[1]);
  if (day < 1 || day > 31) return 0;
  return Math.floor(Date.UTC(year, month, day) / 86_400_000);
}
