// A one-consumer async iterable fed by push(), with a high-water mark that asks the producer to pause
// (the connection stops reading its socket) so that a slow consumer never makes memory grow.
export interface AsyncQueueOptions<T> {
  /** pause above this weight, resume below half of it */
  highWater: number;
  weigh(item: T): number;
  onPressure(paused: boolean): void;
  /** the consumer stopped early (break out of for-await) */
  onAbandon?(): void;
  /** called for items still queued when the consumer stops early */
  discard?(item: T): void;
}

export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private weight = 0;
  private paused = false;
  private finished = false;
  private abandoned = false;
  private error: Error | null = null;
  private waiter: { resolve(result: IteratorResult<T>): void; reject(error: Error): void } | null = null;

  constructor(private readonly options: AsyncQueueOptions<T>) {}

  push(item: T): void {
    if (this.abandoned || this.finished) return this.options.discard?.(item);
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      return waiter.resolve({ value: item, done: false });
    }
    this.items.push(item);
    this.weight += this.options.weigh(item);
    if (!this.paused && this.weight > this.options.highWater) {
      this.paused = true;
      this.options.onPressure(true);
    }
  }

  end(error?: Error): void {
    if (this.finished) return;
    this.finished = true;
    if (error) this.error = error;
    if (this.waiter && this.items.length === 0) {
      const waiter = this.waiter;
      this.waiter = null;
      if (this.error) waiter.reject(this.error);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: async () => {
        this.abandon();
        return { value: undefined, done: true };
      },
    };
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) {
      const item = this.items.shift()!;
      this.weight -= this.options.weigh(item);
      if (this.paused && this.weight <= this.options.highWater / 2) {
        this.paused = false;
        this.options.onPressure(false);
      }
      return Promise.resolve({ value: item, done: false });
    }
    if (this.finished) return this.error ? Promise.reject(this.error) : Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  private abandon(): void {
    if (this.abandoned) return;
    this.abandoned = true;
    for (const item of this.items.splice(0)) this.options.discard?.(item);
    this.weight = 0;
    if (this.paused) {
      this.paused = false;
      this.options.onPressure(false);
    }
    this.options.onAbandon?.();
  }
}
