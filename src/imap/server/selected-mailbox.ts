// The mailbox a session has selected, as that session sees it (RFC 3501 §2.3.1): the sequence-number ↔ UID
// map, which messages are \Recent for this session, the keywords announced in FLAGS, and the changes other
// writers made that have not been announced yet. Changes arrive as store events and wait here until the
// session may announce them (RFC 3501 §7.4.1: no EXPUNGE during FETCH, STORE or SEARCH).
import { matchSorted, toIntervals, type SequenceSet } from '../codec/index.ts';
import type { ChangeEvent, Folder } from '../../store/types.ts';

/** The mailbox's changes as IMAP announces them: new messages, flag changes, expunges. */
export type MailboxEvent = Exclude<ChangeEvent, { kind: 'folder' }>;

export class SelectedMailbox {
  readonly folderId: number;
  readonly uidValidity: number;
  readonly readOnly: boolean;
  name: string;
  highestModseq: number;
  /** UIDs in sequence-number order: uids[seq - 1] */
  private uids: number[];
  /**
   * [from, to) UID ranges this session sees as \Recent (store.recentRange), merged and ascending: a present UID
   * inside one is recent. Ranges, not a set of UIDs: a 100,000-message folder costs nothing to open.
   */
  private recentRanges: Array<{ from: number; to: number }> = [];
  /** keywords announced in FLAGS, lower-case → spelling */
  readonly keywords = new Map<string, string>();
  private pending: MailboxEvent[] = [];
  /** MODSEQs of this session's own flag changes, already answered in its own responses */
  private readonly ownChanges = new Set<number>();
  /** RFC 5182 SEARCHRES: UIDs saved by SEARCH RETURN (SAVE) */
  savedSearch: number[] = [];
  /** the folder was deleted by someone: the session must end (as Dovecot does) */
  deleted = false;

  /** Starts empty: events that arrive while the messages are listed queue here and are reconciled later. */
  constructor(folder: Folder, options: { readOnly: boolean }) {
    this.folderId = folder.id;
    this.uidValidity = folder.uidValidity;
    this.name = folder.name;
    this.highestModseq = folder.highestModseq;
    this.readOnly = options.readOnly;
    this.uids = [];
  }

  /** The messages as listed at SELECT, in UID order. */
  load(uids: number[]): void {
    this.uids = uids;
  }

  get exists(): number {
    return this.uids.length;
  }

  get maxUid(): number {
    return this.uids.length > 0 ? this.uids[this.uids.length - 1]! : 0;
  }

  get recentCount(): number {
    let count = 0;
    for (const range of this.recentRanges) count += this.firstIndexAtLeast(range.to) - this.firstIndexAtLeast(range.from);
    return count;
  }

  uidAt(index: number): number {
    return this.uids[index]!;
  }

  /** sequence number of a UID, or 0 when the session does not know it */
  seqOf(uid: number): number {
    let lo = 0;
    let hi = this.uids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = this.uids[mid]!;
      if (value < uid) lo = mid + 1;
      else if (value > uid) hi = mid - 1;
      else return mid + 1;
    }
    return 0;
  }

  isRecent(uid: number): boolean {
    return this.recentRanges.some((range) => uid >= range.from && uid < range.to);
  }

  /** Adds a claimed recent range (EXAMINE sees the same unclaimed range again: overlaps merge). */
  claimRecent(range: { from: number; to: number }): void {
    if (range.from >= range.to) return;
    const merged: Array<{ from: number; to: number }> = [];
    for (const next of [...this.recentRanges, range].sort((a, b) => a.from - b.from)) {
      const last = merged[merged.length - 1];
      if (last && next.from <= last.to) last.to = Math.max(last.to, next.to);
      else merged.push({ ...next });
    }
    this.recentRanges = merged;
  }

  /** Index of the first UID ≥ `uid` in the sequence map (its length when none). */
  private firstIndexAtLeast(uid: number): number {
    let lo = 0;
    let hi = this.uids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.uids[mid]! < uid) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** New messages, in UID order; those the session already knows are skipped. Returns the ones added. */
  addMessages(uids: readonly number[]): number[] {
    const added: number[] = [];
    for (const uid of uids) {
      if (uid <= this.maxUid) continue;
      this.uids.push(uid);
      added.push(uid);
    }
    return added;
  }

  /**
   * Removes expunged messages; returns the sequence numbers to announce, in the order EXPUNGE responses must
   * carry them (each one counted after the previous removals, RFC 3501 §7.4.1), and the UIDs removed.
   */
  removeMessages(uids: Iterable<number>): { sequences: number[]; uids: number[] } {
    const gone = new Set<number>();
    for (const uid of uids) if (this.seqOf(uid) > 0) gone.add(uid);
    if (gone.size === 0) return { sequences: [], uids: [] };
    const sequences: number[] = [];
    const removed: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < this.uids.length; i++) {
      const uid = this.uids[i]!;
      if (gone.has(uid)) {
        sequences.push(i + 1 - removed.length);
        removed.push(uid);
      } else {
        kept.push(uid);
      }
    }
    this.uids = kept;
    if (this.savedSearch.length > 0) this.savedSearch = this.savedSearch.filter((uid) => !gone.has(uid));
    return { sequences, uids: removed };
  }

  /**
   * Indexes (sequence number - 1), ascending, of the messages a set names. `byUid`: the set holds UIDs
   * (RFC 3501 §6.4.8, "*" is the largest UID); otherwise sequence numbers ("*" is the last message).
   */
  *indexes(set: SequenceSet, byUid: boolean): Generator<number> {
    if (set.kind === 'saved') {
      // RFC 5182 §2.1: "$" is the saved UIDs, whatever the command's addressing
      const saved = [...this.savedSearch].sort((a, b) => a - b);
      yield* matchSorted(saved.map((uid) => [uid, uid] as const), this.uids);
      return;
    }
    if (byUid) {
      yield* matchSorted(toIntervals(set, this.maxUid), this.uids);
      return;
    }
    for (const [lo, hi] of toIntervals(set, this.uids.length)) {
      for (let seq = Math.max(lo, 1); seq <= Math.min(hi, this.uids.length); seq++) yield seq - 1;
    }
  }

  /** Every UID in sequence order (for SEARCH and announcements; do not modify). */
  allUids(): readonly number[] {
    return this.uids;
  }

  queue(event: MailboxEvent): void {
    this.pending.push(event);
  }

  get hasPending(): boolean {
    return this.pending.length > 0 || this.deleted;
  }

  /** Takes the queued events; with `expunges: false` the expunges stay queued for a later announcement. */
  takePending(options: { expunges: boolean }): MailboxEvent[] {
    const taken = options.expunges ? this.pending : this.pending.filter((e) => e.kind !== 'expunge');
    this.pending = options.expunges ? [] : this.pending.filter((e) => e.kind === 'expunge');
    return taken;
  }

  /** This session made a flag change with this MODSEQ and answered it itself. */
  noteOwnChange(modseq: number): void {
    this.ownChanges.add(modseq);
  }

  /** true (once) when a flags event is this session's own change */
  isOwnChange(modseq: number): boolean {
    return this.ownChanges.delete(modseq);
  }
}
