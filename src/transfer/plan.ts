// What one folder pair needs, from the ledger and the listings of both sides — pure, no I/O. New messages are
// the ones the ledger does not know; a flag change is a difference from the flags both sides agreed on last
// time; with two-way, flags changed on both sides merge by union (and the conflict is reported); with
// propagated deletes, a message gone from one side since the last run goes from the other too.
import type { MessageIdentity } from '../endpoints/endpoint.ts';
import { flagSetKey, sameFlagSet } from '../endpoints/keywords.ts';
import type { TransferEntry } from '../store/transfer-ledger.ts';

/** One side as listed: the messages to look at, and (when known) every identity still present. */
export interface SideView {
  /** every message, or only those changed since the last run (CONDSTORE) */
  changed: readonly MessageIdentity[];
  /** every identity present; undefined when not listed (then nothing is taken as removed) */
  present?: ReadonlySet<string>;
}

export interface PlanSettings {
  twoWay: boolean;
  propagateDeletes: boolean;
  since?: Date;
  maxSize?: number;
}

export interface FlagAcceptance {
  source(flag: string): boolean;
  dest(flag: string): boolean;
}

export interface FlagConflict {
  sourceId: string;
  source: string[];
  dest: string[];
  merged: string[];
}

export interface FolderPlan {
  copyForward: MessageIdentity[];
  copyBackward: MessageIdentity[];
  skipped: { since: number; maxSize: number };
  /** flags to write at the destination, by destination id */
  flagsToDest: Array<{ id: string; flags: string[] }>;
  flagsToSource: Array<{ id: string; flags: string[] }>;
  /** the flags both sides will agree on, by source id */
  ledgerFlags: Array<{ sourceId: string; flags: string[] }>;
  removeAtDest: TransferEntry[];
  removeAtSource: TransferEntry[];
  /** entries whose message is gone from both sides */
  forget: string[];
  conflicts: FlagConflict[];
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const flag of [...a, ...b]) if (!seen.has(flag.toLowerCase())) seen.set(flag.toLowerCase(), flag);
  return [...seen.values()];
}

function passes(identity: MessageIdentity, settings: PlanSettings, skipped: FolderPlan['skipped']): boolean {
  if (settings.maxSize !== undefined && identity.size > settings.maxSize) {
    skipped.maxSize++;
    return false;
  }
  if (settings.since && identity.internalDate && identity.internalDate < settings.since) {
    skipped.since++;
    return false;
  }
  return true;
}

export function planFolder(entries: readonly TransferEntry[], source: SideView, dest: SideView | undefined, settings: PlanSettings, accept: FlagAcceptance): FolderPlan {
  const plan: FolderPlan = {
    copyForward: [], copyBackward: [], skipped: { since: 0, maxSize: 0 }, flagsToDest: [], flagsToSource: [], ledgerFlags: [],
    removeAtDest: [], removeAtSource: [], forget: [], conflicts: [],
  };
  const bySource = new Map(entries.map((entry) => [entry.sourceId, entry]));
  const byDest = new Map(entries.filter((entry) => entry.destId !== null).map((entry) => [entry.destId!, entry]));
  const sourceNow = new Map<string, string[]>();
  const destNow = new Map<string, string[]>();

  for (const message of source.changed) {
    if (bySource.has(message.id)) sourceNow.set(message.id, message.flags);
    else if (passes(message, settings, plan.skipped)) plan.copyForward.push(message);
  }
  if (settings.twoWay && dest) {
    for (const message of dest.changed) {
      const entry = byDest.get(message.id);
      if (entry) destNow.set(entry.sourceId, message.flags);
      else if (passes(message, settings, plan.skipped)) plan.copyBackward.push(message);
    }
  }

  for (const entry of entries) {
    const goneAtSource = source.present !== undefined && !source.present.has(entry.sourceId);
    const goneAtDest = settings.twoWay && dest?.present !== undefined && entry.destId !== null && !dest.present.has(entry.destId);
    if (goneAtSource || goneAtDest) {
      if (goneAtSource && goneAtDest) plan.forget.push(entry.sourceId);
      else if (settings.propagateDeletes && goneAtSource && entry.destId !== null) plan.removeAtDest.push(entry);
      else if (settings.propagateDeletes && goneAtDest) plan.removeAtSource.push(entry);
      continue;
    }
    mergeFlags(plan, entry, sourceNow.get(entry.sourceId), destNow.get(entry.sourceId), settings.twoWay, accept);
  }
  return plan;
}

function mergeFlags(plan: FolderPlan, entry: TransferEntry, sourceFlags: string[] | undefined, destFlags: string[] | undefined, twoWay: boolean, accept: FlagAcceptance): void {
  const agreed = entry.flags;
  const forSource = (flags: readonly string[]) => flags.filter(accept.source);
  const forDest = (flags: readonly string[]) => flags.filter(accept.dest);
  const sourceChanged = sourceFlags !== undefined && !sameFlagSet(forSource(sourceFlags), forSource(agreed));
  const destChanged = twoWay && destFlags !== undefined && !sameFlagSet(forDest(destFlags), forDest(agreed));
  if (!sourceChanged && !destChanged) return;
  let target: string[];
  if (sourceChanged && destChanged) {
    target = union(sourceFlags!, destFlags!);
    if (!sameFlagSet(sourceFlags!, destFlags!)) plan.conflicts.push({ sourceId: entry.sourceId, source: sourceFlags!, dest: destFlags!, merged: target });
  } else {
    target = sourceChanged ? sourceFlags! : destFlags!;
  }
  const destHas = destFlags ?? agreed;
  const sourceHas = sourceFlags ?? agreed;
  if (entry.destId !== null && flagSetKey(forDest(destHas)) !== flagSetKey(forDest(target))) plan.flagsToDest.push({ id: entry.destId, flags: forDest(target) });
  if (twoWay && flagSetKey(forSource(sourceHas)) !== flagSetKey(forSource(target))) plan.flagsToSource.push({ id: entry.sourceId, flags: forSource(target) });
  plan.ledgerFlags.push({ sourceId: entry.sourceId, flags: target });
}
