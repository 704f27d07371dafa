// The shapes of one complete server response (RFC 3501 §7): continuation, tagged completion, untagged
// status, untagged numeric (EXISTS, EXPUNGE, FETCH...) and other untagged data, left as tokens for the
// readers in untagged-data.ts and fetch-data.ts.
import type { ImapToken } from './tokens.ts';

/** `[NAME args]` at the start of a resp-text (RFC 3501 §7.1, RFC 5530). */
export interface ResponseCode {
  /** upper-case: UIDVALIDITY, APPENDUID, UNAVAILABLE... */
  name: string;
  /** arguments as sent (latin1), '' when none */
  raw: string;
  args: ImapToken[];
}

export type TaggedStatus = 'OK' | 'NO' | 'BAD';
export type UntaggedCondition = TaggedStatus | 'BYE' | 'PREAUTH';

export interface ContinuationResponse {
  kind: 'continuation';
  text: string;
}

export interface TaggedResponse {
  kind: 'tagged';
  tag: string;
  status: TaggedStatus;
  code: ResponseCode | null;
  text: string;
}

export interface UntaggedStatusResponse {
  kind: 'status';
  status: UntaggedCondition;
  code: ResponseCode | null;
  text: string;
}

/** `* 12 EXISTS`, `* 3 EXPUNGE`, `* 0 RECENT` */
export interface UntaggedNumericResponse {
  kind: 'numeric';
  type: string;
  number: number;
}

/** `* 7 FETCH (UID 9 FLAGS (\Seen) BODY[] {123}...)`: `items` is the flat key/value list. */
export interface UntaggedFetchResponse {
  kind: 'fetch';
  seq: number;
  items: ImapToken[];
}

/** CAPABILITY, LIST, LSUB, STATUS, SEARCH, ESEARCH, FLAGS, ENABLED, NAMESPACE, VANISHED, ID... */
export interface UntaggedDataResponse {
  kind: 'data';
  type: string;
  args: ImapToken[];
}

export type UntaggedResponse = UntaggedStatusResponse | UntaggedNumericResponse | UntaggedFetchResponse | UntaggedDataResponse;
export type ImapResponse = ContinuationResponse | TaggedResponse | UntaggedResponse;
