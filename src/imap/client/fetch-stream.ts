// Runs UID FETCH commands pipelined on one connection and hands their FETCH responses to a consumer as an
// async iterable. When the consumer lags, the connection stops reading (bounded memory); when it stops
// early, the remaining responses are drained and released — IMAP cannot cancel a FETCH.
import { AsyncQueue } from './async-queue.ts';
import type { ClientContext } from './client-context.ts';
import type { CommandPart } from './command-encoding.ts';
import { disposeLiterals } from './literal-spool.ts';
import type { UntaggedHandlers } from './command-spec.ts';
import type { UntaggedFetchResponse, UntaggedResponse } from './responses.ts';

export interface FetchStreamOptions<T> {
  /** one UID FETCH per entry: the parts after "UID FETCH " */
  commands: CommandPart[][];
  /** a record for the consumer, or null to skip (unsolicited flag updates) */
  map(response: UntaggedFetchResponse): T | null;
  weigh(item: T): number;
  release(item: T): void;
  /** other untagged kinds the commands should receive (VANISHED during CHANGEDSINCE) */
  extra?: UntaggedHandlers;
  /** buffered weight before the socket is paused; default 32 MiB */
  highWater?: number;
}

export function fetchStream<T>(context: ClientContext, options: FetchStreamOptions<T>): AsyncIterable<T> {
  const connection = context.connection;
  const queue: AsyncQueue<T> = new AsyncQueue<T>({
    highWater: options.highWater ?? 32 * 1024 * 1024,
    weigh: options.weigh,
    onPressure: (paused) => (paused ? connection.pauseReading() : connection.resumeReading()),
    discard: options.release,
  });
  const onFetch = (untagged: UntaggedResponse) => {
    const response = untagged as UntaggedFetchResponse;
    const item = options.map(response);
    if (item === null) disposeLiterals(response.items);
    else queue.push(item);
  };
  const pending = options.commands.map((parts) =>
    connection.execute({ name: 'UID FETCH', parts: ['UID FETCH ', ...parts], untagged: { ...options.extra, FETCH: onFetch } }),
  );
  Promise.all(pending).then(
    () => queue.end(),
    (error: Error) => queue.end(error),
  );
  return queue;
}
