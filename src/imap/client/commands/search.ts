// UID SEARCH (RFC 3501 §6.4.4), with ESEARCH's compact result (RFC 4731) when offered.
import { hasCapability, requireSelected, type ClientContext } from '../client-context.ts';
import type { UntaggedDataResponse } from '../responses.ts';
import { expandSequenceSet } from '../sequence-set.ts';
import { readEsearch, readSearch } from '../untagged-data.ts';

/** `criteria` is IMAP search syntax as the caller writes it, e.g. `UNDELETED SINCE 1-Jan-2024`. */
export async function uidSearch(context: ClientContext, criteria: string): Promise<number[]> {
  requireSelected(context, 'UID SEARCH');
  if (/[\r\n]/.test(criteria)) throw new RangeError('search criteria may not contain line breaks');
  const uids: number[] = [];
  if (hasCapability(context, 'ESEARCH')) {
    await context.connection.execute({
      name: 'UID SEARCH', parts: [`UID SEARCH RETURN (ALL) ${criteria}`],
      untagged: {
        ESEARCH: (response) => {
          const all = readEsearch(response as UntaggedDataResponse).items.get('ALL');
          if (all) uids.push(...expandSequenceSet(all));
        },
      },
    });
  } else {
    await context.connection.execute({
      name: 'UID SEARCH', parts: [`UID SEARCH ${criteria}`],
      untagged: { SEARCH: (response) => uids.push(...readSearch(response as UntaggedDataResponse).numbers) },
    });
  }
  return uids;
}
