/**
 * The results of `read` over [from, to) cut into batches, in order, with up to `inFlight` reads
 * started ahead of the one the caller waits for: on two or more cores the database's backends
 * build the next batches while this process sends the last one. Memory stays at `inFlight`
 * batches however long the range, and nothing more is read while the caller waits (back-pressure).
 */
export async function* readAhead<T>(
  from: number,
  to: number,
  batch: number,
  inFlight: number,
  read: (from: number, to: number) => Promise<T>,
): AsyncGenerator<T> {
  const reading: Promise<T>[] = [];
  let unread = from;
  const startReads = () => {
    for (; reading.length < inFlight && unread < to; unread += batch) reading.push(read(unread, Math.min(unread + batch, to)));
  };
  try {
    startReads();
    while (reading.length > 0) {
      const result = await reading.shift()!;
      startReads();
      yield result;
    }
  } finally {
    // A caller that stops early (the client went away) leaves reads in flight; their failure must not go unheard.
    for (const read of reading) read.catch(() => undefined);
  }
}
