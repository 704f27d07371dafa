// Progress of a long operation (DESIGN invariant 6): counts, bytes, rate and ETA. Two faces: a cli-progress bar
// when a person watches a terminal, periodic `major` log lines otherwise (a service, a pipe, a cron job).
// Callers only see the small Progress interface; `snapshot()` gives the live figures to REST and the web admin.
import cliProgress from 'cli-progress';
import { log as processLog, type Logger } from '../log/logger.ts';

export interface ProgressTotals {
  messages: number;
  bytes: number;
}

export interface ProgressSnapshot {
  label: string;
  messages: number;
  bytes: number;
  totals: ProgressTotals;
  elapsedMs: number;
  messagesPerSecond: number;
  bytesPerSecond: number;
  /** seconds left, from bytes when their total is known, else from messages; undefined before any progress */
  etaSeconds?: number;
}

export interface ProgressSummary {
  /** one line for people */
  text: string;
  /** the same figures as fields of the log line */
  fields: Record<string, unknown>;
}

export interface Progress {
  start(totals: ProgressTotals): void;
  /** some messages (and their bytes) are done: imported, skipped or failed */
  advance(messages: number, bytes: number): void;
  /** a line for the person or the log; 'problem' lines go to the log's problems level */
  note(text: string, severity?: 'info' | 'problem'): void;
  finish(summary: ProgressSummary): void;
  snapshot(): ProgressSnapshot;
}

const MB = 1024 * 1024;

/** Counts and the arithmetic of rate and ETA, shared by both faces. */
class ProgressCounter {
  totals: ProgressTotals = { messages: 0, bytes: 0 };
  messages = 0;
  bytes = 0;
  private startedAt = Date.now();

  constructor(readonly label: string) {}

  start(totals: ProgressTotals): void {
    this.totals = totals;
    this.startedAt = Date.now();
  }

  snapshot(): ProgressSnapshot {
    const elapsedMs = Math.max(Date.now() - this.startedAt, 1);
    const messagesPerSecond = (this.messages * 1000) / elapsedMs;
    const bytesPerSecond = (this.bytes * 1000) / elapsedMs;
    let etaSeconds: number | undefined;
    if (this.totals.bytes > 0 && bytesPerSecond > 0) etaSeconds = Math.max(this.totals.bytes - this.bytes, 0) / bytesPerSecond;
    else if (this.totals.messages > 0 && messagesPerSecond > 0) etaSeconds = Math.max(this.totals.messages - this.messages, 0) / messagesPerSecond;
    return {
      label: this.label, messages: this.messages, bytes: this.bytes, totals: this.totals, elapsedMs,
      messagesPerSecond, bytesPerSecond, ...(etaSeconds === undefined ? {} : { etaSeconds }),
    };
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** "1200/10000 messages, 12.3/424.0 MB, 950 msg/s, 9.8 MB/s, ETA 0:09" */
export function describeSnapshot(snapshot: ProgressSnapshot): string {
  const eta = snapshot.etaSeconds === undefined ? '' : `, ETA ${formatDuration(snapshot.etaSeconds)}`;
  return (
    `${snapshot.messages}/${snapshot.totals.messages} messages, ` +
    `${(snapshot.bytes / MB).toFixed(1)}/${(snapshot.totals.bytes / MB).toFixed(1)} MB, ` +
    `${snapshot.messagesPerSecond.toFixed(0)} msg/s, ${(snapshot.bytesPerSecond / MB).toFixed(1)} MB/s${eta}`
  );
}

/** Periodic `major` log lines (every 5 s by default) and the summary as one `major` line. */
export class LogProgress implements Progress {
  private readonly counter: ProgressCounter;
  private timer?: NodeJS.Timeout;

  constructor(label: string, private readonly logger: Logger = processLog, private readonly intervalMs = 5000) {
    this.counter = new ProgressCounter(label);
  }

  start(totals: ProgressTotals): void {
    this.counter.start(totals);
    this.timer = setInterval(() => this.report(), this.intervalMs);
    this.timer.unref();
  }

  private report(): void {
    const snapshot = this.counter.snapshot();
    this.logger.major({ progress: snapshot }, `${snapshot.label}: ${describeSnapshot(snapshot)}`);
  }

  advance(messages: number, bytes: number): void {
    this.counter.messages += messages;
    this.counter.bytes += bytes;
  }

  note(text: string, severity: 'info' | 'problem' = 'info'): void {
    if (severity === 'problem') this.logger.problems(`${this.counter.label}: ${text}`);
    else this.logger.major(`${this.counter.label}: ${text}`);
  }

  finish(summary: ProgressSummary): void {
    clearInterval(this.timer);
    this.logger.major({ summary: summary.fields }, `${this.counter.label}: ${summary.text}`);
  }

  snapshot(): ProgressSnapshot {
    return this.counter.snapshot();
  }
}

/** A cli-progress bar on a terminal (standard error); notes print above it; the summary is the caller's. */
export class BarProgress implements Progress {
  private readonly counter: ProgressCounter;
  private readonly bars: cliProgress.MultiBar;
  private bar?: cliProgress.SingleBar;

  constructor(label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.counter = new ProgressCounter(label);
    this.bars = new cliProgress.MultiBar({
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} msgs | {mb}/{totalMb} MB | {rate} msg/s {mbRate} MB/s | ETA {etaText}`,
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    });
  }

  private payload(): Record<string, string> {
    const s = this.counter.snapshot();
    return {
      mb: (s.bytes / MB).toFixed(1), totalMb: (s.totals.bytes / MB).toFixed(1),
      rate: s.messagesPerSecond.toFixed(0), mbRate: (s.bytesPerSecond / MB).toFixed(1),
      etaText: s.etaSeconds === undefined ? '-' : formatDuration(s.etaSeconds),
    };
  }

  start(totals: ProgressTotals): void {
    this.counter.start(totals);
    this.bar = this.bars.create(Math.max(totals.messages, 1), 0, this.payload());
  }

  advance(messages: number, bytes: number): void {
    this.counter.messages += messages;
    this.counter.bytes += bytes;
    // more messages than estimated (a mailbox still growing): stretch the bar
    if (this.counter.messages > this.counter.totals.messages) this.bar?.setTotal(this.counter.messages);
    this.bar?.update(this.counter.messages, this.payload());
  }

  note(text: string): void {
    this.bars.log(`${text}\n`);
  }

  finish(): void {
    this.bar?.update(this.counter.messages, this.payload());
    // render once more: notes wait in cli-progress's buffer until the next frame
    this.bars.update();
    this.bars.stop();
  }

  snapshot(): ProgressSnapshot {
    return this.counter.snapshot();
  }
}

/** Counts only: for callers that show figures themselves (REST, tests). */
export class SilentProgress implements Progress {
  private readonly counter: ProgressCounter;
  readonly notes: string[] = [];

  constructor(label = 'progress') {
    this.counter = new ProgressCounter(label);
  }

  start(totals: ProgressTotals): void {
    this.counter.start(totals);
  }

  advance(messages: number, bytes: number): void {
    this.counter.messages += messages;
    this.counter.bytes += bytes;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  finish(): void {}

  snapshot(): ProgressSnapshot {
    return this.counter.snapshot();
  }
}

/** The bar when standard error is a terminal, log lines otherwise. */
export function createProgress(label: string, options: { stream?: NodeJS.WriteStream; logger?: Logger } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY ? new BarProgress(label, stream) : new LogProgress(label, options.logger);
}
