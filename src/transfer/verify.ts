// --verify, the migration certificate: every source message is looked up at the destination through the ledger,
// the destination's bytes are read back and their sha256 compared with the source's, and flags and
// INTERNALDATE compared; per folder: source, destination, missing, extra, mismatched. A copy whose bytes differ
// only as IMAP makes a server show them (bare LF as CRLF, NUL as 0x80: digest.ts) is counted apart
// ("rewritten"), not hidden.
import type { FolderHandle, MessageIdentity } from '../endpoints/endpoint.ts';
import { sameFlagSet } from '../endpoints/keywords.ts';
import type { TransferEntry } from '../store/transfer-ledger.ts';
import { digests } from './digest.ts';
import type { FlagFilter } from './flag-filter.ts';
import { collect } from './listing.ts';
import { crlfDigestOf } from './match.ts';
import type { VerifyFolderReport } from './report.ts';
import type { TransferSettings } from './settings.ts';

const DETAILS_PER_FOLDER = 20;

export interface VerifyInput {
  settings: TransferSettings;
  folder: string;
  destName: string;
  entries: readonly TransferEntry[];
  source: FolderHandle;
  dest: FolderHandle;
  /** the destination's flag policy, when known: flags it cannot store are not counted as differences */
  destFlags?: FlagFilter;
}

function filteredOut(identity: MessageIdentity, settings: TransferSettings): boolean {
  if (settings.maxSize !== undefined && identity.size > settings.maxSize) return true;
  return Boolean(settings.since && identity.internalDate && identity.internalDate < settings.since);
}

/** INTERNALDATE travels with second precision (RFC 3501 date-time). */
function sameDate(a: Date | null, b: Date | null): boolean {
  return a === null || b === null || Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
}

export async function verifyFolder(input: VerifyInput): Promise<VerifyFolderReport> {
  const { settings, entries } = input;
  const report: VerifyFolderReport = {
    folder: input.folder, dest: input.destName, source: 0, destination: 0, missing: 0, extra: 0, mismatched: 0, rewritten: 0, skipped: 0, details: [],
  };
  const detail = (text: string) => {
    if (report.details.length < DETAILS_PER_FOLDER) report.details.push(text);
  };
  const sourceList = await collect(input.source.list());
  const destList = await collect(input.dest.list());
  report.source = sourceList.length;
  report.destination = destList.length;
  const bySource = new Map(entries.map((entry) => [entry.sourceId, entry]));
  const referenced = new Set(entries.flatMap((entry) => (entry.destId === null ? [] : [entry.destId])));
  const destById = new Map(destList.map((identity) => [identity.id, identity]));
  const toRead: Array<{ entry: TransferEntry; dest: MessageIdentity }> = [];
  const keep = (flags: readonly string[]) => (input.destFlags ? flags.filter((flag) => input.destFlags!.accepts(flag)) : [...flags]);

  for (const message of sourceList) {
    const entry = bySource.get(message.id);
    if (!entry || (entry.destId === null && entry.sha256 !== '')) {
      if (filteredOut(message, settings)) report.skipped++;
      else {
        report.missing++;
        detail(`missing: source message ${message.id} (${message.size} bytes)`);
      }
      continue;
    }
    if (entry.destId === null) continue; // Gmail: held by a label folder
    const copy = destById.get(entry.destId);
    if (!copy) {
      report.missing++;
      detail(`missing: source message ${message.id}, copied as ${entry.destId}, is not at the destination`);
      continue;
    }
    const flagsDiffer = !sameFlagSet(keep(message.flags), keep(copy.flags));
    const dateDiffers = !sameDate(message.internalDate, copy.internalDate);
    if (flagsDiffer || dateDiffers) {
      report.mismatched++;
      detail(`mismatched: source ${message.id} / destination ${copy.id}: ${flagsDiffer ? `flags ${message.flags.join(' ') || '-'} ≠ ${copy.flags.join(' ') || '-'}` : ''}`
        + `${dateDiffers ? ` INTERNALDATE ${message.internalDate?.toISOString()} ≠ ${copy.internalDate?.toISOString()}` : ''}`.trim());
      continue;
    }
    toRead.push({ entry, dest: copy });
  }
  for (const identity of destList) {
    if (referenced.has(identity.id)) continue;
    report.extra++;
    detail(`extra: destination message ${identity.id} (${identity.size} bytes) is not from the source`);
  }

  const byDest = new Map(toRead.map((item) => [item.dest.id, item]));
  for await (const message of input.dest.read(toRead.map((item) => item.dest))) {
    const item = byDest.get(message.identity.id)!;
    const digest = await digests(message.bytes);
    if (digest.sha256 === item.entry.sha256) continue;
    if (digest.crlf === (await crlfDigestOf(input.source, item.entry.sourceId))) {
      report.rewritten++;
      continue;
    }
    report.mismatched++;
    detail(`mismatched: destination ${item.dest.id} has other bytes than source ${item.entry.sourceId} (sha256 ${digest.sha256.slice(0, 12)}… ≠ ${item.entry.sha256.slice(0, 12)}…)`);
  }
  return report;
}
