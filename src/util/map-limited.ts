// Runs `work` over `items` with at most `limit` at a time (file writes and fsyncs of a batch: enough in flight
// to keep the disk busy, not so many that descriptors and memory grow with the batch). Results keep the items'
// order; the first failure is thrown once the running ones have settled, and no new item starts after it.
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
  return results;
}
