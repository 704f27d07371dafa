// Readers for response codes with arguments (RFC 3501 §7.1, RFC 4315 §3, RFC 7162 §3.1, RFC 5530).
import type { ResponseCode } from './responses.ts';
import { expandSequenceSet } from './sequence-set.ts';
import { tokenBinaryString, tokenNumber, isList } from './tokens.ts';

export function codeNumber(code: ResponseCode | null, name: string): number | undefined {
  if (!code || code.name !== name || code.args.length === 0) return undefined;
  return tokenNumber(code.args[0]);
}

/** RFC 4315 §3: `[APPENDUID uidvalidity uid-set]` — one UID per appended message, in order. */
export function readAppendUid(code: ResponseCode | null): { uidValidity: number; uids: number[] } | undefined {
  if (!code || code.name !== 'APPENDUID' || code.args.length < 2) return undefined;
  return { uidValidity: tokenNumber(code.args[0]), uids: expandSequenceSet(String(tokenBinaryString(code.args[1]))) };
}

export interface CopyUidResult {
  uidValidity: number;
  /** source UID → destination UID */
  map: Map<number, number>;
}

/** RFC 4315 §3: `[COPYUID uidvalidity source-set dest-set]`, the two sets matched in order. */
export function readCopyUid(code: ResponseCode | null): CopyUidResult | undefined {
  if (!code || code.name !== 'COPYUID' || code.args.length < 3) return undefined;
  const sources = expandSequenceSet(String(tokenBinaryString(code.args[1])));
  const targets = expandSequenceSet(String(tokenBinaryString(code.args[2])));
  const map = new Map<number, number>();
  sources.forEach((uid, i) => {
    if (targets[i] !== undefined) map.set(uid, targets[i]!);
  });
  return { uidValidity: tokenNumber(code.args[0]), map };
}

/** `[PERMANENTFLAGS (\Seen \*)]` */
export function readFlagsCode(code: ResponseCode | null): string[] | undefined {
  const list = code?.args[0];
  return isList(list) ? list.map((flag) => String(tokenBinaryString(flag))) : undefined;
}

/** `[MODIFIED 7,9]` (RFC 7162 §3.1.3): UIDs that failed the UNCHANGEDSINCE test */
export function readModified(code: ResponseCode | null): number[] {
  if (!code || code.name !== 'MODIFIED' || code.args.length === 0) return [];
  return expandSequenceSet(String(tokenBinaryString(code.args[0])));
}
