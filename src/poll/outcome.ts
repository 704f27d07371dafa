// What a run means for the record's schedule (config: failed-account, failed-host and retry delays).
import type { PollOutcome } from '../store/poll-store.ts';
import type { PollConfig } from './config.ts';
import type { PollRunResult } from './job.ts';

export interface HostFailure {
  host: string;
  until: Date;
  error: string;
}

const MINUTE = 60_000;

export function outcomeOf(result: PollRunResult, config: PollConfig): { outcome: PollOutcome; hostFailure?: HostFailure } {
  const end = result.finishedAt.getTime();
  const regular = new Date(end + result.record.everySeconds * 1000);
  const base = {
    id: result.record.id, startedAt: result.startedAt, finishedAt: result.finishedAt, messages: result.messages, bytes: result.bytes,
    error: result.error, failureKind: result.failureKind,
  };
  switch (result.failureKind) {
    case null:
    case 'config':
      return { outcome: { ...base, failedUntil: null, nextRunAt: regular } };
    case 'account': {
      const until = new Date(end + config.failedAccountDelayMinutes * MINUTE);
      return { outcome: { ...base, failedUntil: until, nextRunAt: until } };
    }
    case 'host': {
      const until = new Date(end + config.failedHostDelayMinutes * MINUTE);
      return { outcome: { ...base, failedUntil: null, nextRunAt: until }, hostFailure: { host: result.record.host, until, error: result.error ?? 'connection failed' } };
    }
    case 'temporary':
      return { outcome: { ...base, failedUntil: null, nextRunAt: new Date(Math.min(regular.getTime(), end + config.retryDelayMinutes * MINUTE)) } };
  }
}
