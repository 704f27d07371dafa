// --max-bytes-per-second: a token bucket in front of the destination. Up to one second's worth of bytes may go
// at once; beyond that each message waits, before it is sent, until its bytes are earned.

export class RateLimiter {
  private available: number;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly bytesPerSecond: number) {
    this.available = bytesPerSecond;
  }

  /** Waits until `bytes` may be sent; callers are served in turn. */
  take(bytes: number): Promise<void> {
    const turn = this.queue.then(() => this.wait(bytes));
    this.queue = turn;
    return turn;
  }

  private async wait(bytes: number): Promise<void> {
    const now = Date.now();
    this.available = Math.min(this.bytesPerSecond, this.available + ((now - this.last) * this.bytesPerSecond) / 1000);
    this.last = now;
    this.available -= bytes;
    if (this.available >= 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.ceil((-this.available * 1000) / this.bytesPerSecond)));
  }
}
