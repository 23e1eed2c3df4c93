import { StoredEvent } from './event-store';

/** Where a subscription stands in log order; what it holds depends on the engine. */
export interface LogCursor {
  transactionId: string;
  position: number;
}

export interface PollLogOptions<Row, Item> {
  start(): Promise<LogCursor>;
  readBatch(cursor: LogCursor): Promise<Row[]>;
  cursorOf(row: Row): LogCursor;
  toEvent(row: Row): Item;
  /** Resolves when it is worth asking again (a timeout, or an append in this process). */
  waitForMore(ms?: number): Promise<void>;
  stopped(): boolean;
  signal?: AbortSignal;
  onError?(error: unknown, attempt: number): void;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * Catch-up-then-live subscription by polling. It is a pull-based async generator, so a slow
 * consumer is back-pressure by construction: the next batch is read only when asked for.
 * A failed read (a lost connection, a restarted server) is retried from the last delivered
 * event with growing pauses; nothing already yielded is yielded again.
 */
export async function* pollLog<Row, Item = StoredEvent>(o: PollLogOptions<Row, Item>): AsyncGenerator<Item> {
  const active = () => !o.stopped() && !o.signal?.aborted;
  let cursor: LogCursor | undefined;
  let failures = 0;
  while (active()) {
    let batch: Row[];
    try {
      cursor ??= await o.start();
      batch = await o.readBatch(cursor);
      failures = 0;
    } catch (error) {
      if (error instanceof RangeError) throw error;
      failures += 1;
      o.onError?.(error, failures);
      await o.waitForMore(Math.min(MAX_BACKOFF_MS, 50 * 2 ** failures));
      continue;
    }
    for (const row of batch) {
      yield o.toEvent(row);
      cursor = o.cursorOf(row);
      if (!active()) return;
    }
    if (batch.length === 0) await o.waitForMore();
  }
}
