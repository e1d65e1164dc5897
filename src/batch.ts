/**
 * Runs `work` over `items` with up to `limit` in flight and yields the results in input order, so
 * that reading the next files overlaps checking this one while memory stays bounded by `limit`.
 */
export async function* inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length < limit && next < items.length) {
      const promise = work(items[next++]!);
      promise.catch(() => {}); // a failure is thrown when its turn comes, never as an unhandled rejection
      pending.push(promise);
    }
  };
  fill();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    fill();
    yield result;
  }
}
