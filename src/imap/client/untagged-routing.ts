// Which handler an untagged response goes to, and the capability list every response may update
// (RFC 3501 §7.2.1 CAPABILITY data, §7.1 [CAPABILITY] response code).
import type { ImapResponse, UntaggedResponse } from './responses.ts';
import { tokenBinaryString } from './tokens.ts';

/** 'FETCH', 'EXISTS', 'EXPUNGE', 'LIST', 'STATUS', 'OK', 'NO', 'BYE'... */
export function untaggedKey(response: UntaggedResponse): string {
  switch (response.kind) {
    case 'fetch':
      return 'FETCH';
    case 'numeric':
    case 'data':
      return response.type;
    case 'status':
      return response.status;
  }
}

export function updateCapabilities(capabilities: Set<string>, response: ImapResponse): void {
  let names: string[] | null = null;
  if (response.kind === 'data' && response.type === 'CAPABILITY') names = response.args.map((arg) => String(tokenBinaryString(arg)));
  else if ((response.kind === 'status' || response.kind === 'tagged') && response.code?.name === 'CAPABILITY') {
    names = response.code.args.map((arg) => String(tokenBinaryString(arg)));
  }
  if (!names) return;
  capabilities.clear();
  for (const name of names) capabilities.add(name.toUpperCase());
}
