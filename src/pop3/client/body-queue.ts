// Bytes of one multi-line response on their way from the socket to the consumer's `for await`. Memory stays
// bounded: past `highWaterMark` buffered bytes the producer is told to pause the socket, and resumed once the
// consumer has taken them.

export interface BodyQueueHooks {
  /** called when buffered bytes pass the high-water mark */
  pause(): void;
  /** called when the consumer has drained below it again */
  resume(): void;
}

export class BodyQueue implements AsyncIterable<Buffer> {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private ended = false;
  private failure: Error | null = null;
  private waiter: (() => void) | null = null;
  private paused = false;
  private iterating = false;
  private discarding = false;

  constructor(
    private readonly hooks: BodyQueueHooks,
    private readonly highWaterMark = 1 << 20,
  ) {}

  get isEnded(): boolean {
    return this.ended || this.failure !== null;
  }

  push(chunk: Buffer): void {
    if (this.isEnded || this.discarding) return;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (!this.paused && this.bytes > this.highWaterMark) {
      this.paused = true;
      this.hooks.pause();
    }
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  fail(err: Error): void {
    if (this.isEnded) return;
    this.failure = err;
    this.wake();
  }

  /** Throws away what is buffered and what still comes (the consumer does not want this body). */
  discard(): void {
    this.chunks = [];
    this.bytes = 0;
    this.discarding = true;
    this.releasePause();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  private releasePause(): void {
    if (this.paused) {
      this.paused = false;
      this.hooks.resume();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    if (this.iterating) throw new Error('a POP3 response body can be read only once');
    this.iterating = true;
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.bytes -= chunk.length;
        if (this.bytes <= this.highWaterMark / 2) this.releasePause();
        yield chunk;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => { this.waiter = resolve; });
    }
  }
}
