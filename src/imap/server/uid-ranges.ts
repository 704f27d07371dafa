// Sorted UID lists as inclusive [lo, hi] runs, so the store is asked one range at a time, not one UID at a time.
import type { Interval } from '../codec/index.ts';

export function uidIntervals(sortedUids: readonly number[]): Interval[] {
  const runs: Array<[number, number]> = [];
  for (const uid of sortedUids) {
    const last = runs[runs.length - 1];
    if (last && uid <= last[1] + 1) last[1] = Math.max(last[1], uid);
    else runs.push([uid, uid]);
  }
  return runs;
}

/**
 * Groups sorted UIDs into store queries: a run may hold UIDs the caller does not want (skipped when read) as
 * long as the gap is small, so sparse sets do not cost one query per message.
 */
export function uidQueryRanges(sortedUids: readonly number[], maxGap = 64): Interval[] {
  const runs: Array<[number, number]> = [];
  for (const uid of sortedUids) {
    const last = runs[runs.length - 1];
    if (last && uid - last[1] <= maxGap) last[1] = Math.max(last[1], uid);
    else runs.push([uid, uid]);
  }
  return runs;
}
