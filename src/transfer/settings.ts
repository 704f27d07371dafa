// What a transfer does, as settings: sync, poll and migrate are the same engine with different values here
// (DESIGN: Transfer — no job has its own copy loop).
import type { FolderRules } from '../folders/folder-mapper.ts';

export interface RetrySettings {
  /** attempts per unit of work when errors are temporary (dropped connection, NO [UNAVAILABLE], throttling) */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface TransferSettings {
  /** names the transfer in the ledger: the same pair resumes where the last run stopped */
  pair: string;
  folders: FolderRules;
  /** new messages, flag changes and (with propagateDeletes) removals travel both ways */
  twoWay: boolean;
  /** a message removed on one side since the last run is removed on the other */
  propagateDeletes: boolean;
  /** only messages whose INTERNALDATE is on or after this */
  since?: Date;
  /** messages larger than this are skipped (and counted) */
  maxSize?: number;
  /** plan and report, change nothing */
  dryRun: boolean;
  /** read the destination back afterwards and compare */
  verify: boolean;
  maxBytesPerSecond?: number;
  /** parallel workers, each with its own connection to both sides */
  connections: number;
  /** retry a folder name the destination refuses in plain ASCII */
  normalizeNames: boolean;
  retry: RetrySettings;
  /** messages up to this size are held in memory, larger ones spooled to an unlinked temporary file */
  memoryLimit: number;
  /** message bytes all workers together may hold in deliveries not yet committed */
  deliveryBudget: number;
}

/**
 * In-memory message bytes in deliveries not yet committed, all workers together. A message left in a file
 * (spooled literal, re-readable source) counts only a nominal few KiB (copier.ts): the page cache holds its
 * bytes, not the process. Measured on the bench corpus (10,000 messages): 48 MiB peaked at 244–280 MB
 * resident; 16 MiB with every byte counted (large bodies included) halved the speed.
 */
export const DEFAULT_DELIVERY_BUDGET = 16 * 1024 * 1024;
/** larger messages go to a temporary file (the delivery budget bounds how many are in memory at once) */
export const DEFAULT_MEMORY_LIMIT = 4 * 1024 * 1024;

export const DEFAULT_RETRY: RetrySettings = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** The ledger pair of a sync from one endpoint URL to another. */
export function syncPair(sourceUrl: string, destUrl: string): string {
  return `sync:${sourceUrl}=>${destUrl}`;
}
