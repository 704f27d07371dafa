// What a transfer did, folder by folder, and every item that failed with its reason (DESIGN requirement 8:
// no silent skips). The CLI prints it as a table; REST will return it as it is.

export type FolderOutcome = 'ok' | 'unchanged' | 'planned' | 'failed';

export interface FolderReport {
  /** the source folder as rules name it ("/"-separated) */
  folder: string;
  dest: string;
  outcome: FolderOutcome;
  copied: number;
  bytes: number;
  /** two-way: copied from the destination back to the source */
  copiedBack: number;
  flagsToDest: number;
  flagsToSource: number;
  removedAtDest: number;
  removedAtSource: number;
  /** left out by --since / --max-size */
  skipped: number;
  failed: number;
  conflicts: number;
  /** appends from an interrupted run found at the target (not copied again) */
  reconciled: number;
  /** entries re-keyed after a UIDVALIDITY change */
  rematched: number;
  note?: string;
}

export interface ItemFailure {
  folder: string;
  /** the message (its id and Message-ID when known) or the folder itself */
  item: string;
  reason: string;
}

export interface VerifyFolderReport {
  folder: string;
  dest: string;
  source: number;
  destination: number;
  missing: number;
  extra: number;
  mismatched: number;
  /** copies whose bytes differ only as the destination IMAP server shows them (bare LF → CRLF, NUL → 0x80) */
  rewritten: number;
  /** source messages left out by --since / --max-size */
  skipped: number;
  details: string[];
}

export interface TransferReport {
  source: string;
  destination: string;
  dryRun: boolean;
  folders: FolderReport[];
  failures: ItemFailure[];
  /** folders left out by --include/--exclude or as Gmail views */
  skippedFolders: string[];
  /** keywords and flags a destination could not store, with the reason */
  droppedFlags: Array<{ folder: string; flag: string; reason: string }>;
  verify?: VerifyFolderReport[];
  durationMs: number;
}

export function emptyFolderReport(folder: string, dest: string): FolderReport {
  return {
    folder, dest, outcome: 'ok', copied: 0, bytes: 0, copiedBack: 0, flagsToDest: 0, flagsToSource: 0, removedAtDest: 0,
    removedAtSource: 0, skipped: 0, failed: 0, conflicts: 0, reconciled: 0, rematched: 0,
  };
}

export function verifyDiffers(report: VerifyFolderReport): boolean {
  return report.missing > 0 || report.extra > 0 || report.mismatched > 0;
}

/** exit status: 0 all copied (and verified), 1 something failed or differs */
export function succeeded(report: TransferReport): boolean {
  return report.failures.length === 0 && report.folders.every((f) => f.outcome !== 'failed') && !(report.verify ?? []).some(verifyDiffers);
}

export function totals(report: TransferReport): { copied: number; bytes: number; failed: number } {
  return report.folders.reduce((sum, f) => ({ copied: sum.copied + f.copied + f.copiedBack, bytes: sum.bytes + f.bytes, failed: sum.failed + f.failed }), { copied: 0, bytes: 0, failed: 0 });
}
