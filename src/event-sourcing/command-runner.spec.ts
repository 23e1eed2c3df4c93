import { Command, Decider, DomainError, Event, isEventOf, StaleVersionError } from '@lotse/domain';
import { createEventStore, EventStore } from '@lotse/event-store';
import { randomUUID } from 'node:crypto';
import { CommandRunner, retriesSpent } from './command-runner';
import { RequestContext } from './request-context';

type Count = Command<'Count', { by: number; max: number }>;
type Counted = Event<'Counted', { by: number }>;
const counter: Decider<Count, Counted, number> = {
  initialState: 0,
  evolve: (total, e) => total + e.data.by,
  decide: ({ data: { by, max } }, total) => {
    if (total + by > max) throw new DomainError('not_eligible', `would pass ${max}`);
    return by === 0 ? [] : [{ type: 'Counted', data: { by } }];
  },
  isEvent: isEventOf<Counted>({ Counted: true }),
};
/** The runner with the counter: `handle(stream, { by, max }, context, ifMatch)`. */
type Runner = ReturnType<typeof runner>;
const runner = (store: EventStore) => {
  const commands = new CommandRunner(store);
  return {
    handle: (streamId: string, data: Count['data'], context: RequestContext, ifMatch?: number) =>
      commands.run({
        streamId,
        decider: counter,
        command: { type: 'Count', data, metadata: { now: context.now, actor: context.actor } },
        context,
        ifMatch,
      }),
  };
};

const context = (overrides: Partial<RequestContext> = {}): RequestContext => ({
  actor: 'coach-1',
  role: 'coach',
  municipality: 'neuss',
  correlationId: 'req-1',
  now: '2026-03-10T12:00:00.000Z',
  ...overrides,
});

describe('CommandRunner', () => {
  let store: EventStore;
  let aggregates: Runner;
  // One embedded store for the file: starting PGlite costs seconds of CPU, a test a fraction of that,
  // and every test writes streams of its own. Spies on the store go with their test.
  beforeAll(async () => {
    store = await createEventStore({ engine: 'pglite', dir: 'memory://', schema: 'lotse' });
  });
  afterAll(() => store.close());
  beforeEach(() => {
    aggregates = runner(store);
  });
  afterEach(() => jest.restoreAllMocks());

  it('appends what the decider decided with the envelope of the request', async () => {
    const result = await aggregates.handle('counter-1', { by: 2, max: 10 }, context());
    expect(result).toMatchObject({ version: 0, events: [{ type: 'Counted', data: { by: 2 } }] });
    const [stored] = await store.readStream('counter-1');
    expect(stored.metadata).toMatchObject({
      actor: 'coach-1',
      role: 'coach',
      municipality: 'neuss',
      correlationId: 'req-1',
      occurredAt: '2026-03-10T12:00:00.000Z',
    });
    expect(stored.globalPosition).toBe(result.position);
  });

  it('lands 50 concurrent commands on one stream exactly once with contiguous versions', async () => {
    await Promise.all(Array.from({ length: 50 }, () => aggregates.handle('counter-2', { by: 1, max: 100 }, context())));
    const events = await store.readStream('counter-2');
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('decides a lost race again on the newer state, where the command may no longer hold', async () => {
    await aggregates.handle('counter-3', { by: 5, max: 10 }, context());
    // Another process (a second CommandRunner, so no shared queue) wins the race in between.
    const other = runner(store);
    const results = await Promise.allSettled([
      aggregates.handle('counter-3', { by: 4, max: 10 }, context()),
      other.handle('counter-3', { by: 4, max: 10 }, context()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'not_eligible' });
    expect(await store.readStream('counter-3')).toHaveLength(2);
  });

  it('reads a stream once for a write whose tenant check read it first, and not at all for the next write', async () => {
    await new CommandRunner(store).run({
      streamId: 'counter-9',
      decider: counter,
      command: { type: 'Count', data: { by: 1, max: 10 }, metadata: { now: context().now, actor: 'coach-1' } },
      context: context(),
    });
    // A process that has not seen the stream yet, as after a restart or behind a load balancer.
    const fresh = new CommandRunner(store);
    const reads = jest.spyOn(store, 'readStream');
    const write = async () => {
      await fresh.state('counter-9', counter); // what PathwayAccess and ParticipantAccess do first
      return fresh.run({
        streamId: 'counter-9',
        decider: counter,
        command: { type: 'Count', data: { by: 1, max: 10 }, metadata: { now: context().now, actor: 'coach-1' } },
        context: context(),
      });
    };
    expect((await write()).version).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);
    expect((await write()).version).toBe(2);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('decides on a new stream without reading it, and on one that exists after all with what it holds', async () => {
    const reads = jest.spyOn(store, 'readStream');
    const count = (streamId: string, by: number) =>
      new CommandRunner(store).run({
        streamId,
        decider: counter,
        command: { type: 'Count', data: { by, max: 10 }, metadata: { now: context().now, actor: 'coach-1' } },
        context: context(),
        newStream: true,
      });
    await expect(count('counter-10', 9)).resolves.toMatchObject({ version: 0 });
    expect(reads).not.toHaveBeenCalled();
    // Not new after all: the no_stream append loses, the stream is read, and 9 + 2 passes the maximum.
    await expect(count('counter-10', 2)).rejects.toThrow('would pass 10');
    await expect(count('counter-10', 1)).resolves.toMatchObject({ version: 1 });
    expect(await store.readStream('counter-10')).toHaveLength(2);
  });

  it('never refuses on a state it only remembers: another process may have changed the stream', async () => {
    const other = runner(store);
    await aggregates.handle('counter-6', { by: 9, max: 10 }, context());
    await other.handle('counter-6', { by: -9, max: 10 }, context());
    // This process remembers 9; the stream holds 0, so adding 5 must pass.
    await expect(aggregates.handle('counter-6', { by: 5, max: 10 }, context())).resolves.toMatchObject({ version: 2 });
    // And an If-Match that matches the stream, not the memory, must pass too.
    await expect(other.handle('counter-6', { by: 1, max: 10 }, context(), 2)).resolves.toMatchObject({ version: 3 });
  });

  it('reads again at once when a remembered state lost, and pauses only when a fresh read lost too', async () => {
    const other = runner(store);
    await aggregates.handle('counter-12', { by: 1, max: 10 }, context());
    await other.handle('counter-12', { by: 1, max: 10 }, context());
    // The jittered pause draws its length; nothing else on this path does.
    const draws = jest.spyOn(Math, 'random');
    // This process remembers version 0; the stream is at 1: one lost append, then the fresh read wins.
    await expect(aggregates.handle('counter-12', { by: 1, max: 10 }, context())).resolves.toMatchObject({ version: 2 });
    expect(draws).not.toHaveBeenCalled();
    // A fresh read that loses is a race going on: that one waits before it decides again.
    const append = store.append.bind(store);
    const intrude = async (...args: Parameters<EventStore['append']>) => {
      const event = {
        eventId: randomUUID(),
        type: 'Counted',
        schemaVersion: 1,
        data: { by: 1 },
        metadata: {
          actor: 'coach-2',
          role: 'coach',
          municipality: 'neuss',
          correlationId: 'req-2',
          causationId: null,
          occurredAt: context().now,
        },
      };
      await append('counter-12', [event], { expectedVersion: 'any' });
      return append(...args);
    };
    jest.spyOn(store, 'append').mockImplementationOnce(intrude).mockImplementationOnce(intrude);
    await expect(aggregates.handle('counter-12', { by: 1, max: 10 }, context())).resolves.toMatchObject({ version: 5 });
    expect(draws).toHaveBeenCalledTimes(1);
  });

  it('refuses a stale If-Match with 412 and stores nothing', async () => {
    await aggregates.handle('counter-4', { by: 1, max: 10 }, context());
    await aggregates.handle('counter-4', { by: 1, max: 10 }, context());
    const stale = aggregates.handle('counter-4', { by: 1, max: 10 }, context(), 0);
    await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
    await expect(stale).rejects.toMatchObject({ code: 'version_conflict', actual: 1 });
    expect(await store.readStream('counter-4')).toHaveLength(2);
  });

  it('derives event ids from the Idempotency-Key, so a replayed command stores nothing new', async () => {
    const first = await aggregates.handle('counter-5', { by: 1, max: 10 }, context({ idempotencyKey: 'k-1' }));
    const again = await aggregates.handle('counter-5', { by: 1, max: 10 }, context({ idempotencyKey: 'k-1' }));
    expect(again.position).toBe(first.position);
    expect(await store.readStream('counter-5')).toHaveLength(1);
    expect((await store.readStream('counter-5'))[0].metadata.causationId).toBe('k-1');
  });

  it('records events whatever the stream’s version, from several runners at once, and a retry with the same key adds nothing', async () => {
    const recorded: Counted = { type: 'Counted', data: { by: 1 } };
    const runners = [new CommandRunner(store), new CommandRunner(store)];
    await Promise.all(
      Array.from({ length: 10 }, (_, n) => runners[n % 2].record('log-1', [recorded], context({ correlationId: `req-${n}` }))),
    );
    expect((await store.readStream('log-1')).map((e) => e.streamVersion)).toEqual(Array.from({ length: 10 }, (_, i) => i));

    const first = await runners[0].record('log-2', [recorded], context({ idempotencyKey: 'key-1' }));
    const again = await runners[1].record('log-2', [recorded], context({ idempotencyKey: 'key-1' }));
    expect(again).toEqual(first);
    expect(await store.readStream('log-2')).toHaveLength(1);
  });

  it('gives up on lost races after ten attempts only once five seconds have passed, and after forty at the latest', () => {
    expect(retriesSpent(9, 60_000)).toBe(false);
    expect(retriesSpent(10, 4_999)).toBe(false);
    expect(retriesSpent(10, 5_000)).toBe(true);
    expect(retriesSpent(39, 4_000)).toBe(false);
    expect(retriesSpent(40, 0)).toBe(true);
  });
});
