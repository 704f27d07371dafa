// Poll intervals as people write them: "30m", "1h", "90s", "1d", "1h30m"; the default is 30 minutes.

export const DEFAULT_EVERY_SECONDS = 30 * 60;
const MIN_EVERY_SECONDS = 10;
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export function parseEvery(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+[smhd])+$/.test(trimmed)) {
    throw new ScheduleError(`"${text}" is not an interval: write it like 30m, 2h, 90s, 1d or 1h30m`);
  }
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) seconds += Number(amount) * UNITS[unit!]!;
  if (seconds < MIN_EVERY_SECONDS) throw new ScheduleError(`"${text}" is too short: polls run at most every ${MIN_EVERY_SECONDS} seconds`);
  return seconds;
}

/** 1800 → "30m", 5400 → "1h30m" */
export function formatEvery(seconds: number): string {
  let rest = seconds;
  let text = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text || '0s';
}
