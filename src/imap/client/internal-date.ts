// INTERNALDATE text ⇄ Date (RFC 3501 §9 date-time: "17-Jul-1996 02:44:25 -0700").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE_TIME = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

export function parseInternalDate(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, day, monthName, year, hh, mm, ss, sign, zh, zm] = match;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === monthName!.toLowerCase());
  if (month < 0) return undefined;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  const utc = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  return new Date(utc - offsetMinutes * 60_000);
}

/** Always written in UTC (+0000): the instant is what must survive a copy. */
export function formatInternalDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
