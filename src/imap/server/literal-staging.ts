// A large APPEND literal arrives as chunk events from the command reader; it is written to a blob as it comes
// (hashed and MIME-scanned in the same pass, src/store/ingest.ts), so a 200 MB message never sits in memory.
// The blob stays uncommitted until the APPEND command runs and commits or aborts it.
import { stageMessage, type StagedMessage } from '../../store/ingest.ts';
import type { BlobStore } from '../../store/store.ts';

/** How many chunks may wait for the blob writer before the reader is held back. */
const MAX_QUEUED = 8;

export class LiteralStaging {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private consumerWaiting: (() => void) | null = null;
  private producerWaiting: (() => void) | null = null;
  private readonly result: Promise<StagedMessage>;

  constructor(blobs: BlobStore) {
    this.result = stageMessage(blobs, this.chunks());
    // the failure is reported by finish(); until then it must not be an unhandled rejection
    this.result.catch(() => undefined);
  }

  private async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        this.wakeProducer();
        yield chunk;
      } else if (this.ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.consumerWaiting = resolve));
      }
    }
  }

  private wakeProducer(): void {
    const wake = this.producerWaiting;
    this.producerWaiting = null;
    wake?.();
  }

  private wakeConsumer(): void {
    const wake = this.consumerWaiting;
    this.consumerWaiting = null;
    wake?.();
  }

  async write(chunk: Buffer): Promise<void> {
    this.queue.push(chunk);
    this.wakeConsumer();
    while (this.queue.length > MAX_QUEUED) await new Promise<void>((resolve) => (this.producerWaiting = resolve));
  }

  /** The literal is complete: its blob is written (not yet committed) and scanned. */
  finish(): Promise<StagedMessage> {
    this.ended = true;
    this.wakeConsumer();
    return this.result;
  }

  /** The command failed or the connection ended: nothing is kept. */
  async abort(): Promise<void> {
    this.queue.length = 0;
    const staged = await this.finish().catch(() => undefined);
    await staged?.writer.abort();
  }
}
