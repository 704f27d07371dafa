// SELECT / EXAMINE (RFC 3501 §6.3.1–2) with CONDSTORE (RFC 7162 §3.1.8) or QRESYNC (RFC 7162 §3.2.5):
// the mailbox's UIDVALIDITY, UIDNEXT, message count, HIGHESTMODSEQ and flags, plus — with QRESYNC — the
// UIDs that vanished and the messages that changed since the caller's last known MODSEQ.
import { requireCapability, type ClientContext } from '../client-context.ts';
import { ImapClientError } from '../errors.ts';
import { readFetch } from '../fetch-data.ts';
import { codeNumber, readFlagsCode } from '../response-codes.ts';
import type { UntaggedDataResponse, UntaggedFetchResponse, UntaggedNumericResponse, UntaggedResponse } from '../responses.ts';
import { readAtomList, readVanished } from '../untagged-data.ts';

export interface SelectOptions {
  /** EXAMINE instead of SELECT: nothing changes, not even \Recent */
  readOnly?: boolean;
  /** ask for MODSEQ tracking (RFC 7162 §3.1.8) */
  condstore?: boolean;
  /** RFC 7162 §3.2.5: what the caller knew last time; needs ENABLE QRESYNC first */
  qresync?: { uidValidity: number; modseq: number; knownUids?: string };
}

export interface ChangedMessage {
  uid: number;
  flags: string[];
  modseq?: number;
}

export interface SelectResult {
  name: string;
  readOnly: boolean;
  uidValidity: number;
  uidNext: number;
  exists: number;
  /** absent when the server does not keep MODSEQs for this mailbox ([NOMODSEQ]) or CONDSTORE is off */
  highestModseq?: number;
  flags: string[];
  /** flags the client may set for good; `\*` means new keywords are allowed */
  permanentFlags: string[];
  /** QRESYNC: UIDs expunged since the given MODSEQ */
  vanished: number[];
  /** QRESYNC: messages whose flags changed since the given MODSEQ */
  changed: ChangedMessage[];
}

export async function select(context: ClientContext, name: string, options: SelectOptions = {}): Promise<SelectResult> {
  const verb = options.readOnly ? 'EXAMINE' : 'SELECT';
  let modifier = '';
  if (options.qresync) {
    if (!context.enabled.has('QRESYNC')) {
      throw new ImapClientError({ kind: 'unsupported', endpoint: context.connection.endpoint, command: verb, detail: 'QRESYNC must be enabled first (enable([\'QRESYNC\']))' });
    }
    const { uidValidity, modseq, knownUids } = options.qresync;
    modifier = ` (QRESYNC (${uidValidity} ${modseq}${knownUids ? ` ${knownUids}` : ''}))`;
  } else if (options.condstore) {
    requireCapability(context, 'CONDSTORE', verb);
    modifier = ' (CONDSTORE)';
  }
  const result: SelectResult = { name, readOnly: Boolean(options.readOnly), uidValidity: 0, uidNext: 0, exists: 0, flags: [], permanentFlags: [], vanished: [], changed: [] };
  const onStatus = (response: UntaggedResponse) => {
    if (response.kind !== 'status') return;
    const code = response.code;
    result.uidValidity = codeNumber(code, 'UIDVALIDITY') ?? result.uidValidity;
    result.uidNext = codeNumber(code, 'UIDNEXT') ?? result.uidNext;
    result.highestModseq = codeNumber(code, 'HIGHESTMODSEQ') ?? result.highestModseq;
    if (code?.name === 'PERMANENTFLAGS') result.permanentFlags = readFlagsCode(code) ?? [];
  };
  context.selected = null; // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected
  const tagged = await context.connection.execute({
    name: verb,
    parts: [`${verb} `, context.names.encode(name), modifier],
    untagged: {
      OK: onStatus,
      FLAGS: (response) => (result.flags = readAtomList((response as UntaggedDataResponse).args)),
      EXISTS: (response) => (result.exists = (response as UntaggedNumericResponse).number),
      VANISHED: (response) => result.vanished.push(...readVanished(response as UntaggedDataResponse).uids),
      FETCH: (response) => {
        const record = readFetch(response as UntaggedFetchResponse);
        if (record.uid !== undefined) result.changed.push({ uid: record.uid, flags: record.flags ?? [], modseq: record.modseq });
      },
    },
  });
  if (tagged.code?.name === 'READ-ONLY') result.readOnly = true;
  context.selected = { name, readOnly: result.readOnly, uidValidity: result.uidValidity, exists: result.exists, highestModseq: result.highestModseq };
  return result;
}
