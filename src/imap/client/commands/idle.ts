// IDLE (RFC 2177): wait for the server to report a change in the selected mailbox. Returns on the first
// change (new message, expunge, flag change), when the caller aborts, when another command is issued on
// the connection, or after `timeoutMs` — RFC 2177 §3 asks clients to re-issue IDLE at least every
// 29 minutes, so the default is 25.
import { requireSelected, type ClientContext } from '../client-context.ts';
import type { UntaggedResponse } from '../responses.ts';

export interface IdleOptions {
  signal?: AbortSignal;
  /** give up waiting after this long; default 25 minutes */
  timeoutMs?: number;
}

export interface IdleResult {
  reason: 'changed' | 'timeout' | 'aborted' | 'interrupted';
  /** the untagged responses received while idling */
  updates: UntaggedResponse[];
}

export async function idle(context: ClientContext, options: IdleOptions = {}): Promise<IdleResult> {
  requireSelected(context, 'IDLE');
  const updates: UntaggedResponse[] = [];
  let reason: IdleResult['reason'] | null = null;
  let sendLine: ((line: string) => void) | null = null;
  const finish = (why: IdleResult['reason']) => {
    if (reason) return;
    reason = why;
    sendLine?.('DONE'); // if "+" has not come yet, DONE goes out when it does
  };
  const onChange = (response: UntaggedResponse) => {
    updates.push(response);
    finish('changed');
  };
  const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 25 * 60_000);
  const onAbort = () => finish('aborted');
  if (options.signal?.aborted) finish('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await context.connection.execute({
      name: 'IDLE',
      parts: ['IDLE'],
      exclusive: true,
      noTimeout: true,
      onInterrupt: () => finish('interrupted'),
      untagged: { EXISTS: onChange, EXPUNGE: onChange, FETCH: onChange, VANISHED: onChange },
      onContinuation: (_text, send) => {
        sendLine = send;
        if (reason) send('DONE');
      },
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { reason: reason ?? 'changed', updates };
}
