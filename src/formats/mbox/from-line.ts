// The "From " separator line of mbox files: `From <envelope-sender> <asctime date>`, e.g.
// `From alice@example.org Thu Jan  1 00:00:00 2024` (RFC 4155 §2). Writers put the date in UTC; readers also
// accept the variants seen in the wild: a time zone after the time or after the year, and no seconds.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const DATE_PATTERN = new RegExp(
  `(?:${DAYS.join('|')}),? +(${MONTHS.join('|')}) +(\\d{1,2}) +(\\d{1,2}):(\\d{2})(?::(\\d{2}))?` +
    ` +(?:([A-Z]{1,5}|[+-]\\d{4}) +)?(\\d{4})(?: +([+-]\\d{4}|[A-Z]{1,5}))?`,
);

export const FROM_PREFIX = 'From ';

export interface FromLine {
  sender: string;
  /** undefined when the line carries no date we can read */
  date?: Date;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || !/^[+-]\d{4}$/.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
}

/** Parses the text of a From line (without its line ending); undefined when it is not one. */
export function parseFromLine(line: string): FromLine | undefined {
  if (!line.startsWith(FROM_PREFIX)) return undefined;
  const rest = line.slice(FROM_PREFIX.length).replace(/\r$/, '');
  const sender = rest.split(' ', 1)[0] ?? '';
  const match = DATE_PATTERN.exec(rest);
  if (!match) return { sender };
  const [, month, day, hour, minute, second, zoneBefore, year, zoneAfter] = match;
  const utc = Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day), Number(hour), Number(minute), Number(second ?? 0));
  const date = new Date(utc - zoneOffsetMinutes(zoneBefore ?? zoneAfter) * 60_000);
  return Number.isNaN(date.getTime()) ? { sender } : { sender, date };
}

/** asctime(3) in UTC: "Thu Jan  1 00:00:00 2024" (day padded with a space). */
export function formatAsctime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()}`
  );
}

/** A whole From line with its LF; the sender must be one word (no spaces), MAILER-DAEMON when unknown. */
export function formatFromLine(date: Date, sender = 'MAILER-DAEMON'): string {
  const word = sender.replace(/\s+/g, '') || 'MAILER-DAEMON';
  return `${FROM_PREFIX}${word} ${formatAsctime(date)}\n`;
}
