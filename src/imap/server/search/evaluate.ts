// Whether one message matches a SEARCH program (RFC 3501 §6.4.4, RFC 7162 §3.1.5 MODSEQ, RFC 5032 YOUNGER /
// OLDER, RFC 5182 "$"). Everything a key needs was read beforehand (see criteria.ts), so this is synchronous.
import { imapDateToUtc, intervalsContain, toIntervals, type ImapDate, type Interval, type SearchKey, type SequenceSet } from '../../codec/index.ts';
import type { MimeInfo } from '../../../mime/types.ts';
import type { MessageMeta } from '../../../store/types.ts';
import type { TextFound } from './body-text.ts';
import type { HeaderIndex } from './header-index.ts';
import { sentDay } from './sent-date.ts';
import { fold } from './text-matcher.ts';

export interface SearchSubject {
  seq: number;
  message: MessageMeta;
  mime: MimeInfo | undefined;
  recent: boolean;
  headers: HeaderIndex | null;
  /** needles found in the body text (BODY) and in the body text or MIME headers (TEXT) */
  text: TextFound | null;
}

export interface SearchScope {
  exists: number;
  maxUid: number;
  savedUids: ReadonlySet<number>;
  nowMs: number;
}

const DAY_MS = 86_400_000;

function dayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

function compareDays(day: number, key: ImapDate, comparison: 'before' | 'on' | 'since'): boolean {
  const target = dayOf(imapDateToUtc(key));
  return comparison === 'before' ? day < target : comparison === 'on' ? day === target : day >= target;
}

// the same set is tested against every message: resolve it once
const resolved = new WeakMap<SequenceSet, { star: number; intervals: Interval[] }>();

function inSet(set: SequenceSet, value: number, star: number, saved: ReadonlySet<number> | null): boolean {
  if (set.kind === 'saved') return saved !== null && saved.has(value);
  let cached = resolved.get(set);
  if (!cached || cached.star !== star) {
    cached = { star, intervals: toIntervals(set, star) };
    resolved.set(set, cached);
  }
  return intervalsContain(cached.intervals, value);
}

export function matches(key: SearchKey, s: SearchSubject, scope: SearchScope): boolean {
  const m = s.message;
  switch (key.type) {
    case 'all':
      return true;
    case 'flag': {
      if (key.flag === '\\Recent') return s.recent === key.set;
      const wanted = key.flag.toLowerCase();
      return m.flags.some((f) => f.toLowerCase() === wanted) === key.set;
    }
    case 'header':
      return s.headers !== null && s.headers.has(key.field, fold(key.value));
    case 'body':
      return s.text !== null && s.text.body.has(fold(key.value));
    case 'text': {
      const needle = fold(key.value);
      return (s.headers !== null && s.headers.anyHas(needle)) || (s.text !== null && s.text.text.has(needle));
    }
    case 'internaldate':
      return compareDays(dayOf(m.internalDate), key.date, key.comparison);
    case 'sentdate': {
      // the Date: header's own calendar day
      const day = sentDay(s.mime?.envelope.date ?? null);
      return compareDays(day, key.date, key.comparison);
    }
    case 'size': {
      const size = m.size + m.bareLf; // RFC822.SIZE counts each bare LF as CRLF
      return key.comparison === 'larger' ? size > key.size : size < key.size;
    }
    case 'age': {
      const ageSeconds = (scope.nowMs - m.internalDate.getTime()) / 1000;
      return key.comparison === 'younger' ? ageSeconds <= key.seconds : ageSeconds > key.seconds;
    }
    case 'sequence':
      // "$" stands for the saved UIDs even among sequence numbers (RFC 5182 §2.1)
      return key.set.kind === 'saved' ? scope.savedUids.has(m.uid) : inSet(key.set, s.seq, scope.exists, null);
    case 'uid':
      return inSet(key.set, m.uid, scope.maxUid, scope.savedUids);
    case 'modseq':
      return BigInt(m.modseq) >= key.modseq;
    case 'not':
      return !matches(key.key, s, scope);
    case 'or':
      return matches(key.left, s, scope) || matches(key.right, s, scope);
    case 'and':
      return key.keys.every((k) => matches(k, s, scope));
  }
}
