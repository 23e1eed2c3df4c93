import { AllStreamResolvedEvent, EventStoreDBClient, excludeSystemEvents, RecordedEvent } from '@eventstore/db-client';
import { StoredEvent } from '../event-store';
import { commitPositionOf, cursorFrom, isSystemEvent, positionAfter } from './kurrentdb-log';

export interface FollowAllOptions {
  client: EventStoreDBClient;
  fromPosition?: number;
  /** How many events the subscription buffers before the server is made to wait. */
  batchSize?: number;
  /** Any of them aborting ends the iteration (the caller's signal, the store closing). */
  signals: readonly AbortSignal[];
  toEvent(recorded: RecordedEvent): StoredEvent;
  onError?(error: unknown, attempt: number): void;
}

const MAX_PAUSE_MS = 5_000;

/**
 * Catch-up-then-live over the server's own subscription to $all. It is iterated by pulling, so a
 * slow consumer fills the stream's buffer and gRPC flow control holds the server back. A dropped
 * subscription is opened again after the last event handed out, with growing pauses; anything at
 * or before that event is skipped, so nothing is delivered twice.
 */
export async function* followAll(o: FollowAllOptions): AsyncGenerator<StoredEvent> {
  const stopped = () => o.signals.some((s) => s.aborted);
  let after = cursorFrom(o.fromPosition);
  let failures = 0;
  while (!stopped()) {
    const subscription = o.client.subscribeToAll(
      { fromPosition: positionAfter(after), filter: excludeSystemEvents() },
      { highWaterMark: o.batchSize ?? 500 },
    );
    // The client emits late errors (after we let go) straight on the stream; unheard, they would crash the process.
    subscription.on('error', () => undefined);
    // Cancelling the gRPC call alone does not end the stream, so a pending read is released by destroying it.
    const release = () => {
      subscription.unsubscribe().catch(() => undefined);
      subscription.destroy();
    };
    for (const s of o.signals) s.addEventListener('abort', release);
    const events = subscription[Symbol.asyncIterator]();
    let dropped: unknown = new Error('the server ended the subscription');
    try {
      for (;;) {
        let next: IteratorResult<AllStreamResolvedEvent>;
        try {
          next = await events.next();
        } catch (error) {
          dropped = error;
          break;
        }
        if (next.done) break;
        const recorded = next.value.event;
        if (!recorded || isSystemEvent(recorded)) continue;
        const position = commitPositionOf(recorded);
        if (position <= after) continue;
        failures = 0;
        after = position;
        yield o.toEvent(recorded);
        if (stopped()) return;
      }
    } finally {
      for (const s of o.signals) s.removeEventListener('abort', release);
      release();
    }
    if (stopped()) return;
    failures += 1;
    o.onError?.(dropped, failures);
    await pause(Math.min(MAX_PAUSE_MS, 50 * 2 ** failures), o.signals);
  }
}

const pause = (ms: number, signals: readonly AbortSignal[]): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const s of signals) s.addEventListener('abort', done);
  });
