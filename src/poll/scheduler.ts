// The poll scheduler (DESIGN: Scheduler): every checkIntervalSeconds — and whenever a poll ends — it asks the
// store for due records, keeps to `processes` polls at once and `perHost` per remote host, leases what it
// starts (a row lease with an expiry, renewed while the poll runs, so a crashed node's polls are taken up
// again and several nodes can share one database), runs each poll, and writes the results back. Looks are
// gathered into one every BATCH_DELAY_MS: the results of the polls that ended meanwhile go in one transaction and
// their free slots are leased in another, so 10,000 short polls cost hundreds of commits, not tens of thousands.
// A host that refused a connection is delayed for all its records at once.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { PollOutcome, PollRecord } from '../store/poll-store.ts';
import { runPoll, type PollEnvironment, type PollRunResult } from './job.ts';
import { outcomeOf } from './outcome.ts';

/** How long ends of polls are gathered before the scheduler writes their results and leases their successors. */
const BATCH_DELAY_MS = 20;

export interface SchedulerOptions {
  /** names this scheduler's leases; default host:pid:random */
  owner?: string;
  /** called after each poll (tests, live figures) */
  onResult?: (result: PollRunResult) => void;
}

export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * True when a lease owner names a process of this machine that no longer runs (killed, crashed): its leases
 * can be taken over at once instead of waiting for them to expire.
 */
export function isDeadLocalOwner(owner: string | null): boolean {
  if (owner === null) return false;
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class PollScheduler {
  readonly owner: string;
  private readonly running = new Map<number, { host: string; done: Promise<void> }>();
  private readonly perHost = new Map<string, number>();
  private pendingOutcomes: PollOutcome[] = [];
  private flushing: Promise<void> | null = null;
  private ticking: Promise<void> | null = null;
  private tickAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private scheduled: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** polls started since the scheduler was made */
  started = 0;

  constructor(private readonly env: PollEnvironment, private readonly options: SchedulerOptions = {}) {
    this.owner = options.owner ?? leaseOwner();
  }

  start(): void {
    const { config } = this.env;
    this.timer = setInterval(() => this.kick(), config.checkIntervalSeconds * 1000);
    this.renewTimer = setInterval(() => {
      this.env.store.polls.renew([...this.running.keys()], this.owner, new Date(Date.now() + config.leaseSeconds * 1000))
        .catch((error: unknown) => this.env.logger.problems({ err: error }, 'renewing poll leases failed'));
    }, (config.leaseSeconds * 1000) / 3);
    this.timer.unref();
    this.renewTimer.unref();
    void this.reclaim().finally(() => this.kick());
  }

  /** Leases held by processes of this machine that died (kill -9, a crash) are given back at once. */
  private async reclaim(): Promise<void> {
    try {
      const stale = (await this.env.store.polls.list()).filter((record) => isDeadLocalOwner(record.state.leaseOwner));
      for (const record of stale) await this.env.store.polls.release([record.id], record.state.leaseOwner!);
      if (stale.length > 0) this.env.logger.major(`${stale.length} poll lease(s) of a process that died taken over`);
    } catch (error) {
      this.env.logger.problems({ err: error }, `poll scheduler: taking over stale leases failed: ${(error as Error).message}`);
    }
  }

  /** Stops starting polls, waits for the running ones and writes their results. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.scheduled) clearTimeout(this.scheduled);
    if (this.renewTimer) clearInterval(this.renewTimer);
    await this.ticking;
    await Promise.all([...this.running.values()].map((entry) => entry.done));
    await this.flush();
  }

  /** Looks for due records soon: calls within BATCH_DELAY_MS share one look. */
  kick(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      void this.tickNow();
    }, BATCH_DELAY_MS);
  }

  /** Writes gathered results and leases what is due, now (one look at a time; another right after if asked). */
  private tickNow(): Promise<void> {
    if (this.ticking) {
      this.tickAgain = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      try {
        await this.tick();
      } catch (error) {
        this.env.logger.problems({ err: error }, `poll scheduler: ${(error as Error).message}`);
      }
    })().finally(() => {
      this.ticking = null;
      if (this.tickAgain) {
        this.tickAgain = false;
        this.kick();
      }
    });
    return this.ticking;
  }

  /** Runs until nothing is due and nothing runs (benchmarks, tests); returns the number of polls started. */
  async drain(): Promise<number> {
    const before = this.started;
    for (;;) {
      await this.tickNow();
      if (this.running.size === 0) {
        await this.flush();
        const due = await this.env.store.polls.due({ now: new Date(), limit: 1 });
        if (due.length === 0) {
          // nothing runs and nothing is due: a look still scheduled would find nothing
          if (this.scheduled) clearTimeout(this.scheduled);
          this.scheduled = null;
          return this.started - before;
        }
        continue;
      }
      await Promise.race([...this.running.values()].map((entry) => entry.done));
      await new Promise((resolve) => setTimeout(resolve, BATCH_DELAY_MS));
    }
  }

  /** One step: the results gathered since the last step and the leases of what starts now, in one commit. */
  private async tick(): Promise<void> {
    const { config, store } = this.env;
    while (this.flushing) await this.flushing;
    const outcomes = this.pendingOutcomes.splice(0);
    const free = this.stopped ? 0 : config.processes - this.running.size;
    const picked: PollRecord[] = [];
    const now = new Date();
    if (free > 0) {
      const busy = [...this.perHost].filter(([, count]) => count >= config.perHost).map(([host]) => host);
      // the records that just ended are still leased by us: they are not offered again here
      const candidates = await store.polls.due({ now, limit: free * 2, excludeHosts: busy });
      const planned = new Map(this.perHost);
      for (const record of candidates) {
        if (picked.length >= free) break;
        if (this.running.has(record.id)) continue;
        const count = planned.get(record.host) ?? 0;
        if (count >= config.perHost) continue;
        planned.set(record.host, count + 1);
        picked.push(record);
      }
    }
    if (outcomes.length === 0 && picked.length === 0) return;
    let leased: Set<number>;
    try {
      leased = new Set(await store.polls.finishAndLease(this.owner, outcomes, picked.map((r) => r.id), now, new Date(now.getTime() + config.leaseSeconds * 1000)));
    } catch (error) {
      this.pendingOutcomes.unshift(...outcomes); // written with the next step
      throw error;
    }
    for (const record of picked) if (leased.has(record.id) && !this.stopped) this.launch(record);
  }

  private launch(record: PollRecord): void {
    this.started++;
    this.perHost.set(record.host, (this.perHost.get(record.host) ?? 0) + 1);
    const done = runPoll(record, this.env)
      .then((result) => this.finished(result))
      .catch((error: unknown) => this.env.logger.problems({ err: error, poll: record.id }, `poll ${record.account}/${record.name}: ${(error as Error).message}`))
      .finally(() => {
        this.running.delete(record.id);
        const count = (this.perHost.get(record.host) ?? 1) - 1;
        if (count <= 0) this.perHost.delete(record.host);
        else this.perHost.set(record.host, count);
        this.kick();
      });
    this.running.set(record.id, { host: record.host, done });
  }

  private async finished(result: PollRunResult): Promise<void> {
    const { outcome, hostFailure } = outcomeOf(result, this.env.config);
    if (hostFailure) {
      await this.env.store.polls.failHost(hostFailure.host, hostFailure.until, hostFailure.error);
      this.env.logger.major({ host: hostFailure.host, until: hostFailure.until }, `host ${hostFailure.host} delayed until ${hostFailure.until.toISOString()} for all its poll records: ${hostFailure.error}`);
    }
    this.pendingOutcomes.push(outcome);
    this.options.onResult?.(result);
  }

  /** Writes the outcomes gathered so far in one transaction; a caller during a write waits for it, then writes the rest. */
  private async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pendingOutcomes.length === 0) return;
    const batch = this.pendingOutcomes;
    this.pendingOutcomes = [];
    this.flushing = this.env.store.polls.finish(this.owner, batch).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }
}
