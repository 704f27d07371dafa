// Preparing one folder pair: the destination folder is created (a name the destination refuses is retried in
// plain ASCII with --normalize-names, and the mapping logged); an unchanged folder (same UIDVALIDITY, MODSEQ and
// UIDNEXT as at the end of the last run, RFC 7162) is left alone without listing a message; otherwise appends
// left in flight are settled and UIDVALIDITY changes re-matched before both sides are listed and planned.
import type { EndpointSession, FolderHandle, FolderStatus } from '../endpoints/endpoint.ts';
import type { FolderMapping } from '../folders/folder-mapper.ts';
import { asciiPart } from '../folders/normalize.ts';
import type { LedgerFolderState, TransferEntry } from '../store/transfer-ledger.ts';
import { FlagFilter } from './flag-filter.ts';
import { collect, sideView } from './listing.ts';
import { planFolder, type FolderPlan, type SideView } from './plan.ts';
import { reconcilePending } from './reconcile.ts';
import { rematch } from './rematch.ts';
import type { FolderReport } from './report.ts';
import type { RunContext } from './run-context.ts';
import type { Worker } from './workers.ts';

export interface Prepared {
  plan: FolderPlan;
  unchanged: boolean;
  sourceStatus: FolderStatus;
  destStatus: FolderStatus;
  destFlags: FlagFilter;
  sourceFlags?: FlagFilter;
}

const ANY_FLAG = new FlagFilter({ describe: 'any keyword', accepts: () => true }, () => {});

function unchanged(state: LedgerFolderState | undefined, source: FolderStatus, dest: FolderStatus | undefined, twoWay: boolean): boolean {
  if (!state || !dest || source.highestModseq === undefined) return false;
  const sameSource = state.sourceUidValidity === source.uidValidity && state.sourceModseq === source.highestModseq && state.sourceUidNext === (source.uidNext ?? null);
  const sameDest = state.destUidValidity === dest.uidValidity
    && (!twoWay || (dest.highestModseq !== undefined && state.destModseq === dest.highestModseq && state.destUidNext === (dest.uidNext ?? null)));
  return sameSource && sameDest;
}

async function createDestination(run: RunContext, session: EndpointSession, mapping: FolderMapping): Promise<string> {
  try {
    await session.createFolder!(mapping.dest, mapping.specialUse);
    if (mapping.renamed) run.progress.note(`${mapping.logical} → ${mapping.dest} (${mapping.renamed})`);
    return mapping.dest;
  } catch (error) {
    if (!run.settings.normalizeNames) {
      throw new Error(`the destination refused to create folder "${mapping.dest}": ${(error as Error).message} (--normalize-names retries in plain ASCII)`, { cause: error });
    }
    const delimiter = mapping.dest.includes('/') ? '/' : mapping.dest.includes('.') ? '.' : '/';
    const ascii = mapping.dest.split(delimiter).map((part) => (part === 'INBOX' ? part : asciiPart(part))).join(delimiter);
    await session.createFolder!(ascii, mapping.specialUse);
    run.progress.note(`${mapping.logical} → ${ascii} (the destination refused "${mapping.dest}": ${(error as Error).message})`, 'problem');
    return ascii;
  }
}

function emptyPlan(): FolderPlan {
  return {
    copyForward: [], copyBackward: [], skipped: { since: 0, maxSize: 0 }, flagsToDest: [], flagsToSource: [], ledgerFlags: [],
    removeAtDest: [], removeAtSource: [], forget: [], conflicts: [],
  };
}

/** Settles what an interrupted run left: UIDVALIDITY changes, then appends in flight. Returns the entries. */
async function settle(run: RunContext, key: string, state: LedgerFolderState | undefined, source: FolderHandle, dest: FolderHandle, report: FolderReport): Promise<{ entries: TransferEntry[]; rematched: boolean }> {
  const { pair, twoWay } = run.settings;
  let entries = await run.ledger.entries(pair, key);
  let rematched = false;
  for (const side of ['source', 'dest'] as const) {
    const [changed, other] = side === 'source' ? [source, dest] : [dest, source];
    const known = side === 'source' ? state?.sourceUidValidity : state?.destUidValidity;
    if (known === null || known === undefined || changed.status.uidValidity === 0 || known === changed.status.uidValidity) continue;
    const result = await rematch({ side, entries, changed, other });
    run.progress.note(`${report.folder}: UIDVALIDITY of the ${side === 'source' ? 'source' : 'destination'} changed (${known} → ${changed.status.uidValidity}): `
      + `${result.matched} messages found again by Message-ID, size and sha256, ${result.dropped} no longer there`, 'problem');
    entries = result.entries;
    report.rematched += result.matched;
    rematched = true;
  }
  if (rematched) await run.ledger.replaceFolder(pair, key, entries);
  const forward = await reconcilePending({
    ledger: run.ledger, pair, folder: key, direction: 'forward', target: dest, origin: source, known: new Set(entries.map((e) => e.destId ?? '')),
  });
  const backward = twoWay
    ? await reconcilePending({ ledger: run.ledger, pair, folder: key, direction: 'backward', target: source, origin: dest, known: new Set(entries.map((e) => e.sourceId)) })
    : { adopted: 0, dropped: 0 };
  const adopted = forward.adopted + backward.adopted;
  const dropped = forward.dropped + backward.dropped;
  if (adopted + dropped > 0) {
    report.reconciled += adopted;
    run.progress.note(`${report.folder}: ${adopted + dropped} append(s) of an interrupted run settled: ${adopted} had landed, ${dropped} had not`);
    entries = await run.ledger.entries(pair, key);
  }
  return { entries, rematched };
}

/** Gmail mode, All Mail: messages already copied through a label folder are recorded, not copied again. */
async function coverByLabels(run: RunContext, key: string, view: SideView, plan: FolderPlan, covered: Set<string>): Promise<number> {
  const byId = new Map(view.changed.map((identity) => [identity.id, identity]));
  const entries: TransferEntry[] = [];
  plan.copyForward = plan.copyForward.filter((identity) => {
    const listed = byId.get(identity.id);
    const keyOf = listed?.messageId ? `${listed.messageId}\u0000${listed.size}` : undefined;
    if (keyOf === undefined || !covered.has(keyOf)) return true;
    entries.push({ folder: key, sourceId: identity.id, destId: null, size: identity.size, sha256: '', messageId: listed!.messageId!, flags: identity.flags });
    return false;
  });
  if (!run.settings.dryRun) await run.ledger.record(run.settings.pair, entries);
  return entries.length;
}

export async function prepareFolder(run: RunContext, mapping: FolderMapping, report: FolderReport, worker: Worker, coveredElsewhere?: () => Promise<Set<string>>): Promise<Prepared> {
  const { pair, twoWay, dryRun, propagateDeletes } = run.settings;
  const key = mapping.source.name;
  if (mapping.create && !dryRun) report.dest = await createDestination(run, await worker.session('dest'), mapping);
  const source = await worker.folder('source', key, { write: twoWay && !dryRun });
  const dest = mapping.create && dryRun ? undefined : await worker.folder('dest', report.dest, { write: !dryRun });
  const destFlags = dest?.writer ? run.flagFilter(report.dest, dest.writer.keywords) : ANY_FLAG;
  const sourceFlags = source.writer ? run.flagFilter(mapping.logical, source.writer.keywords) : undefined;
  const destStatus: FolderStatus = dest?.status ?? { uidValidity: 0 };
  let state = await run.ledger.folderState(pair, key);
  if (state && state.destFolder !== report.dest) {
    run.progress.note(`${mapping.logical}: destination changed from ${state.destFolder} to ${report.dest}; copying anew`, 'problem');
    if (!dryRun) await run.ledger.replaceFolder(pair, key, []);
    state = undefined;
  }
  const pendingLeft = (await run.ledger.pending(pair, key)).length;
  if (pendingLeft === 0 && !coveredElsewhere && unchanged(state, source.status, dest?.status, twoWay)) {
    report.outcome = 'unchanged';
    return { plan: emptyPlan(), unchanged: true, sourceStatus: source.status, destStatus, destFlags, sourceFlags };
  }
  const { entries, rematched } = dest && !dryRun
    ? await settle(run, key, state, source, dest, report)
    : { entries: await run.ledger.entries(pair, key), rematched: false };
  const sameValidity = (known: number | null | undefined, now: number) => known !== undefined && known !== null && known === now && !rematched;
  const sourceView = coveredElsewhere
    ? await (async () => { const all = await collect(source.list({ withMessageId: true })); return { changed: all, present: new Set(all.map((i) => i.id)) }; })()
    : await sideView(source, sameValidity(state?.sourceUidValidity, source.status.uidValidity) ? state!.sourceModseq : null, propagateDeletes || twoWay);
  const destView = twoWay && dest
    ? await sideView(dest, sameValidity(state?.destUidValidity, destStatus.uidValidity) ? state!.destModseq : null, true)
    : undefined;
  const plan = planFolder(entries, sourceView, destView, run.settings, {
    source: (flag) => sourceFlags?.accepts(flag) ?? true, dest: (flag) => destFlags.accepts(flag),
  });
  if (coveredElsewhere) {
    const covered = await coverByLabels(run, key, sourceView, plan, await coveredElsewhere());
    if (covered > 0) report.note = `${covered} messages already copied through their labels`;
  }
  report.skipped = plan.skipped.since + plan.skipped.maxSize;
  if (dryRun) {
    report.outcome = 'planned';
    report.copied = plan.copyForward.length;
    report.bytes = plan.copyForward.reduce((sum, identity) => sum + identity.size, 0);
    report.copiedBack = plan.copyBackward.length;
    report.flagsToDest = plan.flagsToDest.length;
    report.flagsToSource = plan.flagsToSource.length;
    report.removedAtDest = plan.removeAtDest.length;
    report.removedAtSource = plan.removeAtSource.length;
    report.conflicts = plan.conflicts.length;
  }
  return { plan, unchanged: false, sourceStatus: source.status, destStatus, destFlags, sourceFlags };
}
