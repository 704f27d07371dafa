// Counts events per key over the last `windowMs` (two fixed buckets, weighted), with memory bounded by the
// number of keys seen in two windows: used for connection rates and failed-login counts.

interface Buckets {
  start: number;
  current: number;
  previous: number;
}

export class SlidingWindowCounter {
  private readonly buckets = new Map<string, Buckets>();
  private lastSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one event for `key` and returns the count in the window, this one included. */
  add(key: string): number {
    const b = this.roll(key, true)!;
    b.current += 1;
    return this.estimate(b);
  }

  /** The count in the window without recording anything. */
  count(key: string): number {
    const b = this.roll(key, false);
    return b ? this.estimate(b) : 0;
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }

  private estimate(b: Buckets): number {
    const elapsed = (this.now() - b.start) / this.windowMs;
    return Math.ceil(b.current + b.previous * Math.max(0, 1 - elapsed));
  }

  private roll(key: string, create: boolean): Buckets | undefined {
    const now = this.now();
    this.sweep(now);
    let b = this.buckets.get(key);
    if (!b) {
      if (!create) return undefined;
      b = { start: now, current: 0, previous: 0 };
      this.buckets.set(key, b);
    }
    const windows = Math.floor((now - b.start) / this.windowMs);
    if (windows >= 1) {
      b.previous = windows === 1 ? b.current : 0;
      b.current = 0;
      b.start += windows * this.windowMs;
    }
    return b;
  }

  /** Drops keys idle for two windows, at most once per window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (now - b.start >= 2 * this.windowMs) this.buckets.delete(key);
  }
}
