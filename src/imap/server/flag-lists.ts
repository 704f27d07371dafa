// FLAGS and PERMANENTFLAGS for a selected mailbox (RFC 3501 §7.2.6, §7.1): the system flags and the keywords in
// use; any new keyword may be created (\*), except in a read-only mailbox where nothing is permanent.
import { atom, codes, untagged, untaggedStatus, type OutputChunk } from '../codec/index.ts';
import type { SelectedMailbox } from './selected-mailbox.ts';

const SYSTEM = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

export function flagsResponse(mailbox: SelectedMailbox): OutputChunk[] {
  return untagged(atom('FLAGS'), [...SYSTEM, ...mailbox.keywords.values()].map(atom));
}

export function permanentFlagsResponse(mailbox: SelectedMailbox): OutputChunk[] {
  if (mailbox.readOnly) return [untaggedStatus('OK', 'Read-only mailbox.', codes.permanentFlags([]))];
  return [untaggedStatus('OK', 'Flags permitted.', codes.permanentFlags([...SYSTEM, ...mailbox.keywords.values(), '\\*']))];
}
