// Temporary errors (a dropped connection, NO [UNAVAILABLE], Microsoft's "Request is throttled", a busy store)
// are retried with exponential backoff, or after the server's own hint when it gives one (DESIGN requirement
// 3); anything else is permanent and reported at once.
import type { RetrySettings } from './settings.ts';

interface MaybeTemporary {
  temporary?: unknown;
  retryAfterMs?: unknown;
  code?: unknown;
}

const TEMPORARY_SYSTEM_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export function isTemporary(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as MaybeTemporary;
  if (typeof candidate.temporary === 'boolean') return candidate.temporary;
  return typeof candidate.code === 'string' && TEMPORARY_SYSTEM_CODES.has(candidate.code);
}

/** The server's backoff hint in milliseconds, when it gave one. */
export function backoffHint(error: unknown): number | undefined {
  const hint = (error as MaybeTemporary | null)?.retryAfterMs;
  return typeof hint === 'number' && hint > 0 ? hint : undefined;
}

/** Delay before attempt `attempt` (1 = the first retry): the hint, else base × 2^(attempt-1) with ±20 % jitter. */
export function retryDelay(attempt: number, error: unknown, settings: RetrySettings): number {
  const hint = backoffHint(error);
  if (hint !== undefined) return Math.min(hint, 15 * 60_000);
  const exponential = Math.min(settings.baseDelayMs * 2 ** (attempt - 1), settings.maxDelayMs);
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
