// Response codes, the bracketed part of a status response (RFC 3501 §7.1, RFC 4315 UIDPLUS, RFC 7162
// CONDSTORE/QRESYNC, RFC 5530 error codes, RFC 3516 / 5182 / 6154 additions).

import { formatNumbers } from './sequence-set.ts';
import { atom } from './wire-values.ts';
import type { WireValue } from './wire-values.ts';

export interface ResponseCode {
  name: string;
  args: WireValue[];
}

const bare = (name: string): ResponseCode => ({ name, args: [] });
const list = (names: readonly string[]): WireValue[] => names.map(atom);

/** Any code by name: `code('CLIENTBUG')`, `code('NOTSAVED')`. */
export const code = (name: string, ...args: WireValue[]): ResponseCode => ({ name, args });

export const alert = (): ResponseCode => bare('ALERT');
export const parse = (): ResponseCode => bare('PARSE');
export const readOnly = (): ResponseCode => bare('READ-ONLY');
export const readWrite = (): ResponseCode => bare('READ-WRITE');
export const tryCreate = (): ResponseCode => bare('TRYCREATE');
export const capability = (capabilities: readonly string[]): ResponseCode => ({ name: 'CAPABILITY', args: list(capabilities) });
export const badCharset = (supported: readonly string[] = ['UTF-8', 'US-ASCII']): ResponseCode => ({ name: 'BADCHARSET', args: [list(supported)] });
export const permanentFlags = (flags: readonly string[]): ResponseCode => ({ name: 'PERMANENTFLAGS', args: [list(flags)] });
export const uidNext = (uid: number): ResponseCode => ({ name: 'UIDNEXT', args: [uid] });
export const uidValidity = (value: number): ResponseCode => ({ name: 'UIDVALIDITY', args: [value] });
export const unseen = (sequence: number): ResponseCode => ({ name: 'UNSEEN', args: [sequence] });

// RFC 4315 §3: sets keep the order of the messages, so source and destination UIDs correspond.
export const appendUid = (uidValidity: number, uids: Iterable<number>): ResponseCode => ({ name: 'APPENDUID', args: [uidValidity, atom(formatNumbers(uids))] });
export const copyUid = (uidValidity: number, sourceUids: Iterable<number>, destinationUids: Iterable<number>): ResponseCode => ({
  name: 'COPYUID',
  args: [uidValidity, atom(formatNumbers(sourceUids)), atom(formatNumbers(destinationUids))],
});
export const uidNotSticky = (): ResponseCode => bare('UIDNOTSTICKY');

// RFC 7162 §3.1.2.1, §3.1.2.2, §3.1.3, §3.2.11
export const highestModSeq = (modseq: bigint | number): ResponseCode => ({ name: 'HIGHESTMODSEQ', args: [BigInt(modseq)] });
export const noModSeq = (): ResponseCode => bare('NOMODSEQ');
export const modified = (numbers: Iterable<number>): ResponseCode => ({ name: 'MODIFIED', args: [atom(formatNumbers(numbers))] });
export const closed = (): ResponseCode => bare('CLOSED');

// RFC 5530 §3
export const unavailable = (): ResponseCode => bare('UNAVAILABLE');
export const authenticationFailed = (): ResponseCode => bare('AUTHENTICATIONFAILED');
export const authorizationFailed = (): ResponseCode => bare('AUTHORIZATIONFAILED');
export const expired = (): ResponseCode => bare('EXPIRED');
export const privacyRequired = (): ResponseCode => bare('PRIVACYREQUIRED');
export const contactAdmin = (): ResponseCode => bare('CONTACTADMIN');
export const noPerm = (): ResponseCode => bare('NOPERM');
export const inUse = (): ResponseCode => bare('INUSE');
export const expungeIssued = (): ResponseCode => bare('EXPUNGEISSUED');
export const corruption = (): ResponseCode => bare('CORRUPTION');
export const serverBug = (): ResponseCode => bare('SERVERBUG');
export const clientBug = (): ResponseCode => bare('CLIENTBUG');
export const cannot = (): ResponseCode => bare('CANNOT');
export const limit = (): ResponseCode => bare('LIMIT');
export const overQuota = (): ResponseCode => bare('OVERQUOTA');
export const alreadyExists = (): ResponseCode => bare('ALREADYEXISTS');
export const nonExistent = (): ResponseCode => bare('NONEXISTENT');

// RFC 7888 §4 / RFC 4469: a literal or command too large
export const tooBig = (): ResponseCode => bare('TOOBIG');
// RFC 6154 §3: CREATE with an unsupported USE attribute
export const useAttr = (): ResponseCode => bare('USEATTR');
// RFC 3516 §4.3: BINARY on content that cannot be decoded
export const unknownCte = (): ResponseCode => bare('UNKNOWN-CTE');
