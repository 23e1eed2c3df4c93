import type { EventStore, StoredEvent } from '@lotse/event-store';
import { SharedSubscription } from './shared-subscription';
import { appendHistory, headOf } from './testing/pathway-summary.projection';
import { pgliteEvents } from './testing/pglite-events';

/** The positions `events` delivers until (and including) `until`; the follower goes on following. */
const positionsUntil = async (events: AsyncGenerator<StoredEvent>, until: number): Promise<number[]> => {
  const seen: number[] = [];
  while (seen.at(-1) !== until) {
    const next = await events.next();
    if (next.done) throw new Error(`the subscription ended after ${seen.at(-1)}, before ${until}`);
    seen.push(next.value.globalPosition);
  }
  return seen;
};

const logPositions = async (store: EventStore, after = 0): Promise<number[]> => {
  const all: number[] = [];
  for await (const e of store.readAll()) all.push(e.globalPosition);
  return after === 0 ? all : all.slice(all.indexOf(after) + 1);
};

/** Counts the subscriptions opened on the store: each one reads the log on its own. */
const counted = (store: EventStore) => {
  const counter = { subscriptions: 0 };
  const subscribeAll = store.subscribeAll.bind(store);
  jest.spyOn(store, 'subscribeAll').mockImplementation((options) => {
    counter.subscriptions += 1;
    return subscribeAll(options);
  });
  return counter;
};

describe('SharedSubscription: one read of the log for the followers at the same place', () => {
  const events = pgliteEvents('memory://shared-subscription');
  let store: EventStore;
  let abort: AbortController;

  beforeEach(async () => {
    ({ store } = await events());
    abort = new AbortController();
  });
  afterEach(async () => {
    abort.abort();
    await store.close();
  });

  it('gives followers at the same place every event in log order from one subscription, the live ones too', async () => {
    await appendHistory(store, 20);
    const subscriptions = counted(store);
    const log = new SharedSubscription(store, { signal: abort.signal, batchSize: 50 });
    const followers = [log.follow(0), log.follow(0), log.follow(0)];
    const firstHead = await headOf(store);
    const caughtUp = await Promise.all(followers.map((f) => positionsUntil(f, firstHead)));
    // Appended while they follow: each gets them, still through the one subscription.
    await appendHistory(store, 5, 20);
    const head = await headOf(store);
    const live = await Promise.all(followers.map((f) => positionsUntil(f, head)));
    const expected = await logPositions(store);
    for (let i = 0; i < followers.length; i++) expect([...caughtUp[i], ...live[i]]).toEqual(expected);
    expect(subscriptions.subscriptions).toBe(1);
    await Promise.all(followers.map((f) => f.return(undefined)));
  });

  it('lets a follower from elsewhere read on its own until it reaches the shared events, then join without a gap or a repeat', async () => {
    await appendHistory(store, 30);
    const head = await headOf(store);
    const all = await logPositions(store);
    const subscriptions = counted(store);
    const log = new SharedSubscription(store, { signal: abort.signal, batchSize: 40, keep: 10_000 });
    const ahead = log.follow(0);
    expect(await positionsUntil(ahead, head)).toEqual(all);
    // The shared events still hold the middle of the log: a follower from there joins at once.
    const middle = all[Math.floor(all.length / 2)];
    const fromMiddle = log.follow(middle);
    await appendHistory(store, 3, 30);
    const newHead = await headOf(store);
    const [tail, rest] = await Promise.all([positionsUntil(fromMiddle, newHead), positionsUntil(ahead, newHead)]);
    expect(tail).toEqual(await logPositions(store, middle));
    expect(rest).toEqual((await logPositions(store)).slice(all.length));
    expect(subscriptions.subscriptions).toBe(1);
    await Promise.all([ahead.return(undefined), fromMiddle.return(undefined)]);
  });

  it('makes a follower whose place the shared events no longer hold read on its own, and join once it reaches them', async () => {
    await appendHistory(store, 30);
    const head = await headOf(store);
    const all = await logPositions(store);
    const subscriptions = counted(store);
    // Keeps only the last 5 events once every follower has passed them (trimmed in chunks of 256).
    const log = new SharedSubscription(store, { signal: abort.signal, batchSize: 40, keep: 5 });
    const leader = log.follow(0);
    expect(await positionsUntil(leader, head)).toEqual(all);
    const behind = log.follow(all[10]);
    await appendHistory(store, 3, 30);
    const newHead = await headOf(store);
    const [late, live] = await Promise.all([positionsUntil(behind, newHead), positionsUntil(leader, newHead)]);
    expect(late).toEqual(await logPositions(store, all[10]));
    expect(live).toEqual((await logPositions(store)).slice(all.length));
    // The shared one, and the late follower's own until it joined.
    expect(subscriptions.subscriptions).toBe(2);
    await Promise.all([leader.return(undefined), behind.return(undefined)]);
  });

  it('lets a follower that falls too far behind go on reading on its own, losing nothing', async () => {
    await appendHistory(store, 30);
    const head = await headOf(store);
    const all = await logPositions(store);
    const subscriptions = counted(store);
    const log = new SharedSubscription(store, { signal: abort.signal, batchSize: 40, keep: 5, max: 50 });
    const fast = log.follow(0);
    const slow = log.follow(0);
    // The slow one takes ten events, then the fast one runs far ahead.
    const slowStart = await positionsUntil(slow, all[9]);
    expect(await positionsUntil(fast, head)).toEqual(all);
    expect([...slowStart, ...(await positionsUntil(slow, head))]).toEqual(all);
    // Dropped: it opened a subscription of its own.
    expect(subscriptions.subscriptions).toBeGreaterThan(1);
    await Promise.all([fast.return(undefined), slow.return(undefined)]);
  });
});
