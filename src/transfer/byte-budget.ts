// How many message bytes all workers together may hold in deliveries not yet committed (DESIGN invariant 4:
// memory does not grow with the number of connections). A worker that cannot take more first sends what it
// holds, then waits; deliveries always end, so the bytes always come back.

export class ByteBudget {
  private available: number;
  private waiters: Array<{ bytes: number; resolve: () => void }> = [];

  constructor(readonly limit: number) {
    this.available = limit;
  }

  /** A message larger than the whole budget counts as the whole budget. */
  private cost(bytes: number): number {
    return Math.min(bytes, this.limit);
  }

  tryTake(bytes: number): boolean {
    const cost = this.cost(bytes);
    if (this.waiters.length > 0 || cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  take(bytes: number): Promise<void> {
    if (this.tryTake(bytes)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ bytes: this.cost(bytes), resolve }));
  }

  give(bytes: number): void {
    this.available += this.cost(bytes);
    while (this.waiters.length > 0 && this.waiters[0]!.bytes <= this.available) {
      const waiter = this.waiters.shift()!;
      this.available -= waiter.bytes;
      waiter.resolve();
    }
  }
}
