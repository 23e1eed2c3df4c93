import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, StoredEvent } from '../event-store';
import { IdempotencyViolationError, WrongExpectedVersionError } from '../errors';
import { Upcaster } from '../upcasters';

/** What an adapter's spec hands the contract: a fresh, empty store per call. */
export interface ContractSubject {
  open(options: { upcasters?: Upcaster[]; now?: () => Date }): Promise<EventStore>;
  /** Engines that index eventIds across the whole log refuse one reused in another stream. */
  eventIdsUniqueAcrossStreams?: boolean;
  /** Engines whose stored events can be changed behind the store's back (to prove the chain catches it). */
  tamper?: {
    alterData(store: EventStore, streamId: string, version: number, data: Record<string, unknown>): Promise<void>;
    /** Changes one column that queries filter on and leaves the event's hashed content as it was. */
    alterColumn(store: EventStore, streamId: string, version: number, column: 'type' | 'recorded_at'): Promise<void>;
    deleteEvent(store: EventStore, streamId: string, version: number): Promise<void>;
  };
}

export const metadata = (overrides: Partial<NewEvent['metadata']> = {}): NewEvent['metadata'] => ({
  actor: 'coach-1',
  role: 'coach',
  municipality: 'neuss',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});

export const anEvent = (
  type = 'CaseStepRecorded',
  data: Record<string, unknown> = { kind: 'counselling' },
  schemaVersion = 1,
): NewEvent => ({ eventId: randomUUID(), type, schemaVersion, data, metadata: metadata() });

const stream = (prefix = 'pathway') => `${prefix}-${randomUUID()}`;

const collect = async <T>(iterable: AsyncIterable<T>, limit = Infinity): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
};

/**
 * The whole log once `wanted` events are in it. The log shows a transaction only after every older
 * one has ended, server-wide on PostgreSQL: another suite's open transaction on the same server
 * may hold back an append that has already been acknowledged here, so a reader waits for it.
 */
const readAllOnceSettled = async (
  store: EventStore,
  wanted: (log: StoredEvent[]) => boolean,
  options?: Parameters<EventStore['readAll']>[0],
  timeoutMs = 15_000,
): Promise<StoredEvent[]> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await collect(store.readAll(options));
    if (wanted(log) || Date.now() > deadline) return log;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** The position of the last event in the log (0 when empty): engines such as KurrentDB are never empty. */
export const headPosition = async (store: EventStore): Promise<number> => {
  let last = 0;
  for await (const e of store.readAll()) last = e.globalPosition;
  return last;
};

/** Reads a subscription in the background until `count` events arrived or the deadline passed. */
export const subscribeUntil = (store: EventStore, count: number, fromPosition = 0, timeoutMs = 30_000) => {
  const abort = new AbortController();
  const received: StoredEvent[] = [];
  const done = (async () => {
    const deadline = setTimeout(() => abort.abort(), timeoutMs);
    try {
      for await (const e of store.subscribeAll({ fromPosition, signal: abort.signal })) {
        received.push(e);
        if (received.length >= count) break;
      }
    } finally {
      clearTimeout(deadline);
    }
    return received;
  })();
  return { received, done, stop: () => abort.abort() };
};

/** Every adapter must pass this suite unchanged; only `subject` differs between engines. */
export const eventStoreContract = (subject: ContractSubject): void => {
  let store: EventStore;
  let clock = new Date('2026-03-01T10:00:00.000Z');
  const upcasters: Upcaster[] = [
    {
      type: 'ParticipantRegistered',
      fromSchemaVersion: 1,
      upcast: ({ name, ...rest }) => ({ ...rest, givenName: String(name).split(' ')[0], familyName: String(name).split(' ')[1] }),
    },
  ];

  beforeEach(async () => {
    clock = new Date('2026-03-01T10:00:00.000Z');
    store = await subject.open({ upcasters, now: () => clock });
  });
  afterEach(async () => {
    await store.close();
  });

  describe('optimistic concurrency', () => {
    it('starts a stream at version 0 and reports the new version and position', async () => {
      const id = stream();
      const result = await store.append(id, [anEvent()], { expectedVersion: 'no_stream' });
      expect(result.nextVersion).toBe(0);
      expect(result.position).toBeGreaterThan(0);
      const [stored] = await store.readStream(id);
      expect(stored.globalPosition).toBe(result.position);
    });

    it('refuses a stale expected version, naming expected and actual, and stores nothing', async () => {
      const id = stream();
      await store.append(id, [anEvent(), anEvent()], { expectedVersion: 'no_stream' });
      const error = await store.append(id, [anEvent()], { expectedVersion: 0 }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: id, expected: 0, actual: 1 });
      expect(error.message).toContain('expected version 0');
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('honours no_stream, stream_exists and any', async () => {
      const id = stream();
      await expect(store.append(id, [anEvent()], { expectedVersion: 'stream_exists' })).rejects.toMatchObject({ actual: -1 });
      await store.append(id, [anEvent()], { expectedVersion: 'no_stream' });
      await expect(store.append(id, [anEvent()], { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append(id, [anEvent()], { expectedVersion: 'stream_exists' })).resolves.toMatchObject({ nextVersion: 1 });
      await expect(store.append(id, [anEvent()], { expectedVersion: 'any' })).resolves.toMatchObject({ nextVersion: 2 });
    });

    it('lets exactly one of many racing writers with the same expected version win', async () => {
      const id = stream();
      await store.append(id, [anEvent()], { expectedVersion: 'no_stream' });
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(id, [anEvent()], { expectedVersion: 0 })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(losers.every((r) => r.reason instanceof WrongExpectedVersionError)).toBe(true);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('answers each of many concurrent appends on its own: a conflict or a retry among them fails no other', async () => {
      // Concurrent appends of one process may share a round trip (the SQL engines batch them).
      const ids = Array.from({ length: 12 }, () => stream());
      await Promise.all(ids.map((id) => store.append(id, [anEvent()], { expectedVersion: 'no_stream' })));
      const retried = anEvent();
      const first = await store.append(ids[0], [retried], { expectedVersion: 0 });
      const results = await Promise.allSettled([
        store.append(ids[0], [retried], { expectedVersion: 0 }),
        store.append(ids[1], [anEvent()], { expectedVersion: 5 }),
        store.append(ids[2], [anEvent(), anEvent()], { expectedVersion: 0 }),
        store.append(ids[2], [anEvent()], { expectedVersion: 0 }),
        ...ids.slice(3).map((id) => store.append(id, [anEvent()], { expectedVersion: 0 })),
      ]);
      expect(results[0]).toEqual({ status: 'fulfilled', value: first });
      expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
      // Two appends to one stream with the same expected version: exactly one wins.
      expect(results.slice(2, 4).filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.slice(4).every((r) => r.status === 'fulfilled' && r.value.nextVersion === 1)).toBe(true);
      expect(await store.readStream(ids[1])).toHaveLength(1);
      expect((await store.readStream(ids[2])).length).toBeGreaterThanOrEqual(2);
      for (const id of ids.slice(3)) expect(await store.readStream(id)).toHaveLength(2);
    });
  });

  describe('atomic append', () => {
    it('stores all events of one call with consecutive versions, or none', async () => {
      const id = stream();
      const result = await store.append(id, [anEvent(), anEvent(), anEvent()], { expectedVersion: 'no_stream' });
      expect(result.nextVersion).toBe(2);
      const events = await store.readStream(id);
      expect(events.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
      expect(events[2].globalPosition).toBe(result.position);

      if (subject.eventIdsUniqueAcrossStreams) {
        const clash = anEvent();
        const other = stream();
        await store.append(other, [clash], { expectedVersion: 'no_stream' });
        // The last event reuses an id stored elsewhere, so the whole call must fail and leave nothing.
        await expect(store.append(id, [anEvent(), { ...clash }], { expectedVersion: 2 })).rejects.toBeInstanceOf(IdempotencyViolationError);
        expect(await store.readStream(id)).toHaveLength(3);
      }
    });

    it('keeps the whole envelope', async () => {
      const id = stream();
      const event = {
        // Control characters too: the SQL engines send an append's events joined by one (joined-texts.ts).
        ...anEvent('PathwayOpened', { kind: 'coaching', note: 'ümlaut "quoted" \\ and 🙂,\u001e{}\n\t' }),
        metadata: metadata({ causationId: randomUUID() }),
      };
      await store.append(id, [event], { expectedVersion: 'no_stream' });
      const [stored] = await store.readStream(id);
      expect(stored).toMatchObject({ ...event, streamId: id, streamVersion: 0, recordedAt: clock.toISOString() });
      expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('idempotent retry', () => {
    it('answers a repeated append with the first result and stores nothing new', async () => {
      const id = stream();
      const events = [anEvent(), anEvent()];
      const first = await store.append(id, events, { expectedVersion: 'no_stream' });
      await store.append(id, [anEvent()], { expectedVersion: 1 });
      const again = await store.append(id, events, { expectedVersion: 'no_stream' });
      expect(again).toEqual(first);
      expect(await store.readStream(id)).toHaveLength(3);
    });

    it('answers concurrent retries of one append with one result', async () => {
      const id = stream();
      const events = [anEvent()];
      const results = await Promise.all(Array.from({ length: 5 }, () => store.append(id, events, { expectedVersion: 'any' })));
      expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('refuses a retry that mixes stored and new events', async () => {
      const id = stream();
      const stored = anEvent();
      await store.append(id, [stored], { expectedVersion: 'no_stream' });
      await expect(store.append(id, [stored, anEvent()], { expectedVersion: 'any' })).rejects.toBeInstanceOf(IdempotencyViolationError);
      expect(await store.readStream(id)).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('reads a stream forwards, backwards, from a version and limited', async () => {
      const id = stream();
      await store.append(
        id,
        Array.from({ length: 5 }, (_, n) => anEvent('CaseStepRecorded', { n })),
        { expectedVersion: 'no_stream' },
      );
      expect((await store.readStream(id)).map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
      expect((await store.readStream(id, { direction: 'backwards' })).map((e) => e.data.n)).toEqual([4, 3, 2, 1, 0]);
      expect((await store.readStream(id, { fromVersion: 2, maxCount: 2 })).map((e) => e.data.n)).toEqual([2, 3]);
      expect((await store.readStream(id, { direction: 'backwards', fromVersion: 3, maxCount: 2 })).map((e) => e.data.n)).toEqual([3, 2]);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('orders versions as numbers beyond ten events', async () => {
      const id = stream();
      await store.append(
        id,
        Array.from({ length: 12 }, (_, n) => anEvent('CaseStepRecorded', { n })),
        { expectedVersion: 'no_stream' },
      );
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect((await store.readStream(id, { direction: 'backwards', maxCount: 3 })).map((e) => e.streamVersion)).toEqual([11, 10, 9]);
    });

    it('replays a stream as it was until a global position or a moment', async () => {
      const id = stream();
      const first = await store.append(id, [anEvent('CaseStepRecorded', { n: 0 })], { expectedVersion: 'no_stream' });
      clock = new Date('2026-03-02T10:00:00.000Z');
      await store.append(stream(), [anEvent()], { expectedVersion: 'no_stream' });
      const second = await store.append(id, [anEvent('CaseStepRecorded', { n: 1 })], { expectedVersion: 0 });
      clock = new Date('2026-03-03T10:00:00.000Z');
      await store.append(id, [anEvent('CaseStepRecorded', { n: 2 })], { expectedVersion: 1 });

      expect((await store.readStream(id, { until: first.position })).map((e) => e.data.n)).toEqual([0]);
      expect((await store.readStream(id, { until: second.position })).map((e) => e.data.n)).toEqual([0, 1]);
      expect((await store.readStream(id, { until: '2026-03-02T12:00:00.000Z' })).map((e) => e.data.n)).toEqual([0, 1]);
      expect((await store.readStream(id, { until: new Date('2026-03-01T10:00:00.000Z') })).map((e) => e.data.n)).toEqual([0]);
    });

    it('reads the whole log in order, in batches, after a position', async () => {
      const ids = [stream(), stream(), stream()];
      for (let round = 0; round < 4; round++) {
        for (const id of ids) await store.append(id, [anEvent('CaseStepRecorded', { round })], { expectedVersion: 'any' });
      }
      const isOurs = (e: StoredEvent) => ids.includes(e.streamId);
      const all = await readAllOnceSettled(store, (log) => log.filter(isOurs).length >= 12, { batchSize: 5 });
      const ours = all.filter(isOurs);
      expect(ours).toHaveLength(12);
      expect(ours.map((e) => e.data.round)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
      const after = all.indexOf(ours[5]);
      const rest = await collect(store.readAll({ fromPosition: ours[5].globalPosition, batchSize: 2 }));
      expect(rest.map((e) => e.eventId)).toEqual(all.slice(after + 1).map((e) => e.eventId));
      expect(await collect(store.readAll({ maxCount: 4, batchSize: 3 }))).toHaveLength(4);
    });
  });

  describe('upcasting', () => {
    it('lifts old schema versions on every read path and leaves the stored event alone', async () => {
      const id = stream('participant');
      const headBefore = await headPosition(store);
      await store.append(
        id,
        [
          anEvent('ParticipantRegistered', { name: 'Amira Haddad', municipality: 'neuss' }, 1),
          anEvent('ParticipantRegistered', { givenName: 'Omar', familyName: 'Said', municipality: 'neuss' }, 2),
        ],
        { expectedVersion: 'no_stream' },
      );
      const expected = [
        { schemaVersion: 2, data: { givenName: 'Amira', familyName: 'Haddad', municipality: 'neuss' } },
        { schemaVersion: 2, data: { givenName: 'Omar', familyName: 'Said', municipality: 'neuss' } },
      ];
      expect(await store.readStream(id)).toMatchObject(expected);
      const ours = (log: StoredEvent[]) => log.filter((e) => e.streamId === id);
      expect(ours(await readAllOnceSettled(store, (log) => ours(log).length >= 2))).toMatchObject(expected);
      const subscription = subscribeUntil(store, 2, headBefore);
      expect((await subscription.done).filter((e) => e.streamId === id)).toMatchObject(expected);
      expect(await store.verifyStream(id)).toEqual([]);
    });
  });

  describe('hash chain', () => {
    it('links each event to the one before it', async () => {
      const id = stream();
      await store.append(id, [anEvent(), anEvent()], { expectedVersion: 'no_stream' });
      await store.append(id, [anEvent()], { expectedVersion: 1 });
      const events = await store.readStream(id);
      expect(new Set(events.map((e) => e.hash)).size).toBe(3);
      expect(await store.verifyStream(id)).toEqual([]);
    });

    if (subject.tamper) {
      const tamper = subject.tamper;
      it('catches an altered event', async () => {
        const id = stream();
        await store.append(id, [anEvent(), anEvent('CaseStepRecorded', { kind: 'note' }), anEvent()], { expectedVersion: 'no_stream' });
        await tamper.alterData(store, id, 1, { kind: 'certificate_obtained' });
        const breaks = await store.verifyStream(id);
        expect(breaks).toEqual([expect.objectContaining({ streamId: id, streamVersion: 1, reason: 'hash_mismatch' })]);
      });

      it.each(['type', 'recorded_at'] as const)('catches a changed %s column whose content still gives its hash', async (column) => {
        const id = stream();
        await store.append(id, [anEvent(), anEvent('CaseStepRecorded', { kind: 'note' }), anEvent()], { expectedVersion: 'no_stream' });
        await tamper.alterColumn(store, id, 1, column);
        const breaks = await store.verifyStream(id);
        expect(breaks).toEqual([expect.objectContaining({ streamId: id, streamVersion: 1, reason: 'hash_mismatch' })]);
      });

      it('catches a deleted event, in the middle or at the end', async () => {
        const id = stream();
        await store.append(id, [anEvent(), anEvent(), anEvent(), anEvent()], { expectedVersion: 'no_stream' });
        await tamper.deleteEvent(store, id, 1);
        expect(await store.verifyStream(id)).toEqual(
          expect.arrayContaining([expect.objectContaining({ streamVersion: 1, reason: 'version_gap' })]),
        );
        await tamper.deleteEvent(store, id, 3);
        expect(await store.verifyStream(id)).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'head_mismatch' })]));
      });
    } else {
      it('is immutable on this engine, so tampering cannot be staged (altered/deleted rows are tested on the SQL engines)', async () => {
        const id = stream();
        await store.append(id, [anEvent()], { expectedVersion: 'no_stream' });
        expect(await store.verifyStream(id)).toEqual([]);
      });
    }
  });

  describe('subscription', () => {
    it('catches up, then follows live appends, from a position', async () => {
      const id = stream();
      const first = await store.append(id, [anEvent('CaseStepRecorded', { n: 0 }), anEvent('CaseStepRecorded', { n: 1 })], {
        expectedVersion: 'no_stream',
      });
      const subscription = subscribeUntil(store, 3, first.position);
      await new Promise((r) => setTimeout(r, 100));
      await store.append(id, [anEvent('CaseStepRecorded', { n: 2 })], { expectedVersion: 1 });
      await store.append(id, [anEvent('CaseStepRecorded', { n: 3 })], { expectedVersion: 2 });
      await store.append(id, [anEvent('CaseStepRecorded', { n: 4 })], { expectedVersion: 3 });
      const received = await subscription.done;
      expect(received.map((e) => e.data.n)).toEqual([2, 3, 4]);
    });

    it('delivers every event exactly once and in log order while 8 writers race (2,000 events)', async () => {
      const writers = 8;
      const perWriter = 250;
      const headBefore = await headPosition(store);
      const subscription = subscribeUntil(store, writers * perWriter, headBefore, 120_000);
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let n = 0; n < perWriter; n += 1) {
            // Mixed batch sizes make transactions of different lengths commit out of position order.
            const id = `race-${w}-${n % 5}`;
            await store.append(id, [anEvent('CaseStepRecorded', { w, n })], { expectedVersion: 'any' });
          }
        }),
      );
      const received = await subscription.done;
      expect(received).toHaveLength(writers * perWriter);
      expect(new Set(received.map((e) => e.eventId)).size).toBe(writers * perWriter);
      const log = await collect(store.readAll({ fromPosition: headBefore }));
      expect(received.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
      for (let w = 0; w < writers; w += 1) {
        const ns = received.filter((e) => e.data.w === w).map((e) => e.data.n as number);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
      }
    });

    it('ends when its signal is aborted', async () => {
      await store.append(stream(), [anEvent()], { expectedVersion: 'no_stream' });
      const abort = new AbortController();
      const iterator = store.subscribeAll({ signal: abort.signal })[Symbol.asyncIterator]();
      expect((await iterator.next()).done).toBe(false);
      abort.abort();
      let timer: NodeJS.Timeout | undefined;
      const end = await Promise.race([
        iterator.next(),
        new Promise((r) => {
          timer = setTimeout(() => r('still running'), 5_000);
        }),
      ]);
      clearTimeout(timer);
      expect(end).toEqual({ done: true, value: undefined });
    });
  });
};
