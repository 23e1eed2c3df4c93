const TIMEOUT = Symbol('timeout');

/** A batch's window: one timer for the whole batch, raced by each of its items. */
interface Window {
  closed: Promise<typeof TIMEOUT>;
  timer: NodeJS.Timeout;
}

const openWindow = (ms: number): Window => {
  let timer!: NodeJS.Timeout;
  const closed = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, ms));
  });
  return { closed, timer };
};

/**
 * Groups a pull-based stream into batches of up to `max` items, cut short `windowMs` after a
 * batch's first item, so a trickle of live events is not held back waiting for a full batch.
 * The window is one timer per batch, not one per item: the projections and the audit tree run this
 * on every event, and a timer, a promise and a closure per item were garbage the request thread
 * collected beside its own.
 */
export async function* batches<T>(source: AsyncIterable<T>, max: number, windowMs: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  let batch: T[] = [];
  let window: Window | undefined;
  const cut = () => {
    clearTimeout(window?.timer);
    window = undefined;
    const full = batch;
    batch = [];
    return full;
  };
  try {
    for (;;) {
      pending ??= iterator.next();
      const next = window ? await Promise.race([pending, window.closed]) : await pending;
      if (next === TIMEOUT) {
        yield cut();
        continue;
      }
      pending = undefined;
      if (next.done) {
        if (batch.length > 0) yield cut();
        return;
      }
      window ??= openWindow(windowMs);
      batch.push(next.value);
      if (batch.length >= max) yield cut();
    }
  } finally {
    clearTimeout(window?.timer);
    // A read still in flight finishes on its own (the subscription sees its abort signal).
    if (!pending) await iterator.return?.();
  }
}

export const PAUSE = Symbol('pause');

/**
 * The items of `source`, and `PAUSE` once whenever `ms` pass without one: a consumer that put
 * off some work while items kept coming does it then.
 */
export async function* withPauses<T>(source: AsyncIterable<T>, ms: number): AsyncGenerator<T | typeof PAUSE> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  let paused = false;
  try {
    for (;;) {
      pending ??= iterator.next();
      let timer: NodeJS.Timeout | undefined;
      const next = paused
        ? await pending
        : await Promise.race([pending, new Promise<typeof PAUSE>((resolve) => (timer = setTimeout(() => resolve(PAUSE), ms)))]);
      clearTimeout(timer);
      if (next === PAUSE) {
        paused = true;
        yield PAUSE;
        continue;
      }
      pending = undefined;
      if (next.done) return;
      paused = false;
      yield next.value;
    }
  } finally {
    // As in `batches`: a read still in flight finishes on its own.
    if (!pending) await iterator.return?.();
  }
}
