// --max-bytes-per-second: a token bucket in front of the destination. One second's worth of bytes may go at
// once; a message larger than that waits until its bytes are earned.

export class RateLimiter {
  private available: number;
  private last = Date.now();

  constructor(private readonly bytesPerSecond: number) {
    this.available = bytesPerSecond;
  }

  async take(bytes: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.available = Math.min(this.bytesPerSecond, this.available + ((now - this.last) * this.bytesPerSecond) / 1000);
      this.last = now;
      if (this.available >= Math.min(bytes, this.bytesPerSecond)) {
        this.available -= bytes;
        return;
      }
      const missing = Math.min(bytes, this.bytesPerSecond) - this.available;
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, Math.ceil((missing * 1000) / this.bytesPerSecond))));
    }
  }
}
