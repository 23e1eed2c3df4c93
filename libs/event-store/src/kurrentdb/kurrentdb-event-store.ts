import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  ReadStreamOptions as KurrentReadOptions,
  START,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendOptions,
  AppendResult,
  ChainBreak,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
} from '../event-store';
import type { EventStoreOptions } from '../event-store-options';
import { IdempotencyViolationError, WrongExpectedVersionError } from '../errors';
import { GENESIS_HASH } from '../canonical-json';
import { verifyChain } from '../hash-chain';
import { assertValidAppend } from '../new-event-validation';
import { UpcasterChain } from '../upcasters';
import { toEventData, toStoredEvent } from './kurrentdb-envelope';
import { commitPositionOf, cursorFrom, drain, isSystemEvent, positionAfter, reachedBy } from './kurrentdb-log';
import { followAll } from './kurrentdb-subscription';

/** Read-then-append rounds an 'any' / 'stream_exists' append may lose to other writers before giving up. */
const MAX_APPEND_ATTEMPTS = 10;
/**
 * How far back an 'any' / 'stream_exists' append looks for its own eventIds: a retry is recognised
 * while fewer than this many other events were appended to the stream since the first attempt.
 */
const IDEMPOTENCY_WINDOW = 50;

/**
 * The event store on KurrentDB / EventStoreDB. The engine keeps no stream head of its own, so the
 * hash chain is extended by reading the stream's last event and appending with exactly its
 * revision as the expected one: a writer that got in between makes the append fail instead of
 * forking the chain.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly upcasters: UpcasterChain;
  private readonly now: () => Date;
  private readonly closing = new AbortController();
  private connection?: EventStoreDBClient;

  constructor(
    private readonly connectionString: string,
    private readonly options: EventStoreOptions = {},
  ) {
    this.upcasters = new UpcasterChain(options.upcasters);
    this.now = options.now ?? (() => new Date());
  }

  async init(): Promise<void> {
    this.connection ??= EventStoreDBClient.connectionString(this.connectionString);
    // The client connects lazily; a first round trip makes a wrong URL fail at start-up.
    await this.ping();
  }

  async append(streamId: string, events: NewEvent[], { expectedVersion }: AppendOptions): Promise<AppendResult> {
    assertValidAppend(streamId, events);
    const ids = new Set(events.map((e) => e.eventId.toLowerCase()));
    const exact = typeof expectedVersion === 'number' || expectedVersion === 'no_stream';
    let actual = -1;
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt += 1) {
      const tail = await this.readRaw(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: exact ? 1 : IDEMPOTENCY_WINDOW + ids.size - 1,
      });
      const head = tail.at(0);
      actual = head?.streamVersion ?? -1;
      const earlier = await this.earlierAttempt(streamId, ids, expectedVersion, tail);
      if (earlier) return earlier;
      if (!matches(expectedVersion, actual)) throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
      try {
        const result = await this.client.appendToStream(
          streamId,
          toEventData(streamId, events, head?.hash ?? GENESIS_HASH, this.now().toISOString()),
          { expectedRevision: head ? BigInt(head.streamVersion) : NO_STREAM },
        );
        // Without a position the server took this as a repeat of a write it holds: the next round reports that write.
        if (result.position) return { nextVersion: Number(result.nextExpectedRevision), position: Number(result.position.commit) };
      } catch (error) {
        if (!(error instanceof KurrentWrongExpectedVersionError)) throw error;
        // Someone appended between our read and our write. The next round tells whether that was
        // the caller's conflict (an exact expectation now fails), a concurrent retry of this very
        // append (found as already stored), or only our chain link to redo.
        actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : -1;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
    throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const reached = options.until === undefined ? undefined : reachedBy(options.until);
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromVersion === undefined ? (backwards ? END : START) : BigInt(Math.max(0, options.fromVersion)),
      // Events past `until` are skipped, not counted, so then only we can apply the limit.
      maxCount: reached ? undefined : options.maxCount,
    });
    const events = await drain(
      read,
      (resolved) => {
        const event = resolved.event && toStoredEvent(resolved.event);
        return event && (!reached || reached(event)) ? event : undefined;
      },
      options.maxCount,
    );
    return events.map((e) => this.upcasters.apply(e));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    let after = cursorFrom(options.fromPosition);
    let remaining = options.maxCount ?? Infinity;
    const batchSize = Math.max(1, options.batchSize ?? 1000);
    while (remaining > 0) {
      // One over the batch, because the page starts with the last event already handed out.
      const page = await drain(
        this.client.readAll({ direction: FORWARDS, fromPosition: positionAfter(after), maxCount: batchSize + 1 }),
        (resolved) => resolved.event,
      );
      for (const recorded of page) {
        const position = commitPositionOf(recorded);
        if (position <= after) continue;
        after = position;
        if (isSystemEvent(recorded)) continue;
        yield this.upcasters.apply(toStoredEvent(recorded));
        remaining -= 1;
        if (remaining <= 0) return;
      }
      if (page.length <= batchSize) return;
    }
  }

  subscribeAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return followAll({
      client: this.client,
      fromPosition: options.fromPosition,
      batchSize: options.batchSize,
      signals: options.signal ? [options.signal, this.closing.signal] : [this.closing.signal],
      toEvent: (recorded) => this.upcasters.apply(toStoredEvent(recorded)),
      onError: this.options.onSubscriptionError,
    });
  }

  /** KurrentDB keeps no stream head apart from the events, so only gaps and altered links can show. */
  async verifyStream(streamId: string): Promise<ChainBreak[]> {
    return verifyChain(streamId, await this.readRaw(streamId, { direction: FORWARDS, fromRevision: START }));
  }

  async ping(): Promise<void> {
    await drain(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), (resolved) => resolved);
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.connection?.dispose();
  }

  private get client(): EventStoreDBClient {
    if (!this.connection || this.closing.signal.aborted) throw new Error('the KurrentDB event store is not open');
    return this.connection;
  }

  private readRaw(streamId: string, options: KurrentReadOptions): Promise<StoredEvent[]> {
    return drain(this.client.readStream(streamId, options), (resolved) => resolved.event && toStoredEvent(resolved.event));
  }

  /**
   * The result of an earlier attempt of this same append, if its events are stored. With an exact
   * expectation they can only sit right after the expected version; otherwise we look in the tail.
   */
  private async earlierAttempt(
    streamId: string,
    ids: ReadonlySet<string>,
    expected: ExpectedVersion,
    tail: StoredEvent[],
  ): Promise<AppendResult | undefined> {
    let candidates = tail;
    if (typeof expected === 'number' || expected === 'no_stream') {
      const first = expected === 'no_stream' ? 0 : Math.max(0, expected + 1);
      const current = tail.at(0)?.streamVersion ?? -1;
      candidates =
        current < first ? [] : await this.readRaw(streamId, { direction: FORWARDS, fromRevision: BigInt(first), maxCount: ids.size });
    }
    const stored = candidates.filter((e) => ids.has(e.eventId));
    if (stored.length === 0) return undefined;
    if (stored.length < ids.size) {
      throw new IdempotencyViolationError(streamId, `${stored.length} of ${ids.size} events were already stored`);
    }
    const last = stored.reduce((a, b) => (a.streamVersion > b.streamVersion ? a : b));
    return { nextVersion: last.streamVersion, position: last.globalPosition };
  }
}

const matches = (expected: ExpectedVersion, current: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current < 0;
    case 'stream_exists':
      return current >= 0;
    default:
      return current === expected;
  }
};
