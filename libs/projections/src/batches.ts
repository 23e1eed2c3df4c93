const TIMEOUT = Symbol('timeout');

/**
 * Groups a pull-based stream into batches of up to `max` items, cut short `windowMs` after a
 * batch's first item, so a trickle of live events is not held back waiting for a full batch.
 */
export async function* batches<T>(source: AsyncIterable<T>, max: number, windowMs: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  let batch: T[] = [];
  let deadline = 0;
  try {
    for (;;) {
      pending ??= iterator.next();
      const next = batch.length === 0 ? await pending : await raceTimeout(pending, deadline - Date.now());
      if (next === TIMEOUT) {
        yield batch;
        batch = [];
        continue;
      }
      pending = undefined;
      if (next.done) {
        if (batch.length > 0) yield batch;
        return;
      }
      if (batch.length === 0) deadline = Date.now() + windowMs;
      batch.push(next.value);
      if (batch.length >= max) {
        yield batch;
        batch = [];
      }
    }
  } finally {
    // A read still in flight finishes on its own (the subscription sees its abort signal).
    if (!pending) await iterator.return?.();
  }
}

const raceTimeout = async <R>(promise: Promise<R>, ms: number): Promise<R | typeof TIMEOUT> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<typeof TIMEOUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, ms));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};
