// Parallel workers (--connections N): each owns one session to the source and one to the destination and takes
// units of work (prepare a folder, copy a chunk, finish a folder) from one queue, so several folders — and
// the chunks of one big folder — move at once. A unit that fails with a temporary error gets fresh sessions
// and is tried again after a backoff; the unit itself knows how to resume (the ledger says what landed).
import type { Endpoint, EndpointSession, FolderHandle } from '../endpoints/endpoint.ts';
import type { Logger } from '../log/logger.ts';
import { isTemporary, retryDelay, sleep } from './retry.ts';
import type { RetrySettings } from './settings.ts';

export type Side = 'source' | 'dest';

export class Worker {
  private sessions: Partial<Record<Side, Promise<EndpointSession>>> = {};
  private opened: Partial<Record<Side, { name: string; write: boolean; deliverOnly: boolean; handle: FolderHandle }>> = {};

  constructor(readonly id: number, private readonly endpoints: Record<Side, Endpoint>) {}

  session(side: Side): Promise<EndpointSession> {
    let session = this.sessions[side];
    if (!session) {
      session = this.endpoints[side].connect();
      session.catch(() => {
        if (this.sessions[side] === session) delete this.sessions[side];
      });
      this.sessions[side] = session;
    }
    return session;
  }

  /**
   * Opens a folder. With `reuse`, the folder last opened the same way on this session is handed back as it is —
   * for copying, where a stale message count does not matter; listings always open afresh.
   */
  async folder(side: Side, name: string, options: { write: boolean; reuse?: boolean; deliverOnly?: boolean }): Promise<FolderHandle> {
    const last = this.opened[side];
    const deliverOnly = options.deliverOnly ?? false;
    if (options.reuse && last && last.name === name && last.write === options.write && last.deliverOnly === deliverOnly) return last.handle;
    const handle = await (await this.session(side)).openFolder(name, { write: options.write, deliverOnly });
    this.opened[side] = { name, write: options.write, deliverOnly, handle };
    return handle;
  }

  /** Drops both sessions (after a connection failure): the next unit connects again. */
  async reset(): Promise<void> {
    const sessions = Object.values(this.sessions);
    this.sessions = {};
    this.opened = {};
    await Promise.all(sessions.map(async (pending) => (await pending.catch(() => undefined))?.close().catch(() => undefined)));
  }

  async close(): Promise<void> {
    await this.reset();
  }
}

export interface Unit {
  /** for logs: "copy INBOX 1–500" */
  label: string;
  run(worker: Worker, attempt: number): Promise<void>;
  /** called when every attempt failed */
  giveUp(error: unknown): void;
}

/** A queue of units worked off by the workers; units may queue more units while they run. */
export class WorkQueue {
  private readonly units: Unit[] = [];
  private running = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly retry: RetrySettings, private readonly logger: Logger) {}

  push(unit: Unit): void {
    this.units.push(unit);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async next(): Promise<Unit | undefined> {
    for (;;) {
      const unit = this.units.shift();
      if (unit) return unit;
      if (this.running === 0) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Runs every unit (and those they add) on the workers; resolves when all are done. */
  async drain(workers: readonly Worker[]): Promise<void> {
    await Promise.all(workers.map(async (worker) => {
      for (let unit = await this.next(); unit; unit = await this.next()) {
        this.running++;
        try {
          await this.attempt(worker, unit);
        } finally {
          this.running--;
          this.wake();
        }
      }
    }));
  }

  private async attempt(worker: Worker, unit: Unit): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await unit.run(worker, attempt);
        return;
      } catch (error) {
        if (!isTemporary(error) || attempt >= this.retry.attempts) {
          if (isTemporary(error)) await worker.reset();
          unit.giveUp(error);
          return;
        }
        const delay = retryDelay(attempt, error, this.retry);
        const hinted = (error as { retryAfterMs?: number }).retryAfterMs !== undefined;
        this.logger.major({ unit: unit.label, attempt, delayMs: delay, err: (error as Error).message },
          `${unit.label}: temporary failure (${(error as Error).message}); ${hinted ? 'the server asks to back off' : 'retrying'} in ${(delay / 1000).toFixed(1)} s`);
        await worker.reset();
        await sleep(delay);
      }
    }
  }
}
