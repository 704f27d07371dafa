// The end-of-run figures of an import or export, and their one-line description.
import type { ProgressSummary } from '../util/progress.ts';

export interface TransferFailure {
  /** the item: "<folder> <key>" or a file path */
  item: string;
  reason: string;
}

export interface TransferSummary {
  from: string;
  to: string;
  /** messages written */
  messages: number;
  failed: number;
  /** bytes written */
  bytes: number;
  durationMs: number;
  failures: TransferFailure[];
}

const MB = 1024 * 1024;

export function rates(summary: TransferSummary): { messagesPerSecond: number; megabytesPerSecond: number } {
  const seconds = Math.max(summary.durationMs, 1) / 1000;
  return { messagesPerSecond: summary.messages / seconds, megabytesPerSecond: summary.bytes / MB / seconds };
}

/** "imported 812 messages (34.1 MB) from maildir:/x to alice@example.org in 2.1 s (387 msg/s, 16.2 MB/s); …" */
export function describeTransfer(verb: string, summary: TransferSummary, extra: string[] = []): ProgressSummary {
  const { messagesPerSecond, megabytesPerSecond } = rates(summary);
  const parts = [
    `${verb} ${summary.messages} messages (${(summary.bytes / MB).toFixed(1)} MB) from ${summary.from} to ${summary.to} ` +
      `in ${(summary.durationMs / 1000).toFixed(1)} s (${messagesPerSecond.toFixed(0)} msg/s, ${megabytesPerSecond.toFixed(1)} MB/s)`,
    ...extra,
    `${summary.failed} failed`,
  ];
  const { failures, ...fields } = summary;
  return { text: parts.join('; '), fields: { ...fields, failures: failures.length, messagesPerSecond, megabytesPerSecond } };
}
