import { Decider, Event } from '@lotse/domain';
import { EventStore } from '@lotse/event-store';
import { BoundedCache } from './bounded-cache';

export interface Snapshot<State> {
  state: State;
  /** -1 when the stream does not exist yet. */
  version: number;
  position: number;
  /** Read from the store just now, not taken from the cache. */
  fresh: boolean;
}

type Fold<E extends Event, S> = Pick<Decider<never, E, S>, 'evolve' | 'initialState' | 'isEvent'>;

const SNAPSHOT_CAPACITY = 10_000;

/** Folds stored events into a state; events of other types (none in a healthy stream) are passed over. */
export const foldStream = <E extends Event, S>(decider: Fold<E, S>, events: readonly Event[], from: S = decider.initialState): S => {
  let state = from;
  for (const event of events) if (decider.isEvent(event)) state = decider.evolve(state, event);
  return state;
};

/**
 * The last known state of streams this process wrote: a command then costs one append, not a
 * replay. Another process may have moved a stream since, so a remembered state is only a guess
 * that the append's expected version checks; `refresh` reads what the stream gained since.
 */
export class StreamSnapshots {
  private readonly cache = new BoundedCache<string, Snapshot<unknown>>(SNAPSHOT_CAPACITY);

  constructor(private readonly store: EventStore) {}

  /** The remembered state, or the stream read from the store when there is none. */
  async current<E extends Event, S>(streamId: string, decider: Fold<E, S>): Promise<Snapshot<S>> {
    return this.remembered<S>(streamId) ?? this.refresh(streamId, decider);
  }

  /** The remembered state, or a guess that the stream is empty (not `fresh`: nothing is refused on it unread). */
  currentOrEmpty<E extends Event, S>(streamId: string, decider: Fold<E, S>): Snapshot<S> {
    return this.remembered<S>(streamId) ?? { state: decider.initialState, version: -1, position: 0, fresh: false };
  }

  /** Reads what the stream gained since `from` (or all of it) and folds it on. */
  async refresh<E extends Event, S>(streamId: string, decider: Fold<E, S>, from?: Snapshot<S>): Promise<Snapshot<S>> {
    const start = from ?? { state: decider.initialState, version: -1, position: 0, fresh: true };
    const events = await this.store.readStream(streamId, { fromVersion: start.version + 1 });
    const snapshot: Snapshot<S> = {
      state: foldStream(decider, events, start.state),
      version: events.at(-1)?.streamVersion ?? start.version,
      position: events.at(-1)?.globalPosition ?? start.position,
      fresh: true,
    };
    this.remember(streamId, snapshot);
    return snapshot;
  }

  remember<S>(streamId: string, snapshot: Snapshot<S>): void {
    this.cache.set(streamId, { ...snapshot, fresh: false });
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  private remembered<S>(streamId: string): Snapshot<S> | undefined {
    // Only this cache stores under the key, always a Snapshot of the stream's own decider's state.
    return this.cache.get(streamId) as Snapshot<S> | undefined;
  }
}
