import { DomainError, StaleVersionError } from '@lotse/domain';
import { EventStore, StoredEvent, WrongExpectedVersionError } from '@lotse/event-store';
import { randomUUID } from 'node:crypto';
import { Decider, DomainEvent } from './decider';
import { BoundedCache } from './bounded-cache';
import { KeyedMutex } from './keyed-mutex';
import { nameBasedUuid, RequestContext } from './request-context';

export interface Loaded<State> {
  state: State;
  /** -1 when the stream does not exist yet. */
  version: number;
  events: StoredEvent[];
}

export interface Decided<Event> {
  events: Event[];
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: number;
  position: number;
}

/** Lost races re-decided on the newer state before the caller gets a 409. */
const MAX_ATTEMPTS = 10;
/**
 * Commands on one stream queue in each process, but not across processes: two instances behind a
 * load balancer race head to head, and an immediate retry meets the other's next command at the
 * same moment again. A random pause, growing with each lost race, lets one of them pass.
 */
const RETRY_PAUSE_MS = 5;
const LONGEST_RETRY_PAUSE_MS = 200;
const SCHEMA_VERSION = 1;
const SNAPSHOT_CAPACITY = 10_000;

interface CommandRun<Command, Event, State> {
  streamId: string;
  decider: Decider<Command, Event, State>;
  command: (state: State) => Command | Promise<Command>;
  context: RequestContext;
  ifMatch?: number;
}

interface Snapshot<State> {
  state: State;
  version: number;
  position: number;
  /** Read from the store just now, not taken from the cache. */
  fresh: boolean;
}

/**
 * Load, decide, append with the version that was read. A lost race is decided again on the newer
 * state, a bounded number of times, as long as the command is still valid there; an `If-Match`
 * that no longer holds is a 412.
 */
export class AggregateStore {
  private readonly streams = new KeyedMutex();
  /**
   * The last known state of streams this process wrote: a command then costs one append, not a
   * replay. Another process may have moved a stream since; the append's expected version catches
   * that, and the stream is caught up and decided again.
   */
  private readonly snapshots = new BoundedCache<string, Snapshot<unknown>>(SNAPSHOT_CAPACITY);

  constructor(private readonly store: EventStore) {}

  async load<Event extends DomainEvent, State>(streamId: string, decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>): Promise<Loaded<State>> {
    const { events, version } = await this.history(streamId);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState);
    return { state, version, events };
  }

  /** The stream's events and version, for views that fold the events their own way. */
  async history(streamId: string): Promise<{ events: StoredEvent[]; version: number }> {
    const events = await this.store.readStream(streamId);
    return { events, version: events.at(-1)?.streamVersion ?? -1 };
  }

  async handle<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: (state: State) => Command | Promise<Command>,
    context: RequestContext,
    ifMatch?: number,
  ): Promise<Decided<Event>> {
    return this.streams.run(streamId, () => this.decideAndAppend({ streamId, decider, command, context, ifMatch }));
  }

  private async decideAndAppend<Command, Event extends DomainEvent, State>(
    { streamId, decider, command, context, ifMatch }: CommandRun<Command, Event, State>,
  ): Promise<Decided<Event>> {
    let snapshot = (this.snapshots.get(streamId) as Snapshot<State> | undefined) ?? await this.catchUp(streamId, decider);
    for (let attempt = 1; ; attempt += 1) {
      if (ifMatch !== undefined && ifMatch !== snapshot.version) {
        // Another process may have moved the stream since this one cached it: only a fresh read may say 412.
        if (!snapshot.fresh) {
          snapshot = await this.catchUp(streamId, decider, snapshot);
          continue;
        }
        throw new StaleVersionError(snapshot.version, ifMatch);
      }
      let events: Event[];
      try {
        events = decider.decide(await command(snapshot.state), snapshot.state);
      } catch (refusal) {
        // A refusal must rest on the stream as it is, not as this process last saw it.
        if (snapshot.fresh) throw refusal;
        snapshot = await this.catchUp(streamId, decider, snapshot);
        continue;
      }
      if (events.length === 0) {
        if (!snapshot.fresh) {
          snapshot = await this.catchUp(streamId, decider, snapshot);
          continue;
        }
        return { events, version: snapshot.version, position: snapshot.position };
      }
      try {
        const result = await this.store.append(streamId, events.map((e, i) => ({
          eventId: eventId(context, streamId, i),
          type: e.type,
          schemaVersion: SCHEMA_VERSION,
          data: e.data as Record<string, unknown>,
          metadata: { actor: context.actor, role: context.role, municipality: context.municipality,
            correlationId: context.correlationId, causationId: context.idempotencyKey ?? null, occurredAt: context.now },
        })), { expectedVersion: snapshot.version < 0 ? 'no_stream' : snapshot.version });
        if (result.nextVersion === snapshot.version + events.length) {
          this.snapshots.set(streamId, { state: events.reduce(decider.evolve, snapshot.state), version: result.nextVersion,
            position: result.position, fresh: false });
        } else {
          // The store answered a retry with its first result: these events were already in the state we hold.
          this.snapshots.delete(streamId);
        }
        return { events, version: result.nextVersion, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) {
          this.snapshots.delete(streamId);
          throw error;
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new DomainError('version_conflict', `${streamId} kept changing while the command was decided; try again`, { status: 409 });
        }
        // An If-Match that lost is a 412 on the next fresh read: no point in waiting for it.
        if (ifMatch === undefined) await jitteredPause(attempt);
        snapshot = await this.catchUp(streamId, decider, snapshot);
      }
    }
  }

  /** Reads what the stream gained since `from` (or all of it) and folds it on. */
  private async catchUp<Event extends DomainEvent, State>(streamId: string, decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
    from?: Snapshot<State>): Promise<Snapshot<State>> {
    const start = from ?? { state: decider.initialState, version: -1, position: 0, fresh: true };
    const events = await this.store.readStream(streamId, { fromVersion: start.version + 1 });
    const snapshot: Snapshot<State> = {
      state: events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), start.state),
      version: events.at(-1)?.streamVersion ?? start.version,
      position: events.at(-1)?.globalPosition ?? start.position,
      fresh: true,
    };
    this.snapshots.set(streamId, { ...snapshot, fresh: false });
    return snapshot;
  }
}

/** "Full jitter": anywhere from nothing to a ceiling that doubles per lost race. */
const jitteredPause = (attempt: number): Promise<void> => {
  const ceiling = Math.min(LONGEST_RETRY_PAUSE_MS, RETRY_PAUSE_MS * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
};

/**
 * With an Idempotency-Key the event ids are derived from it, so a retry after a crash between
 * append and answer finds its events stored and gets the first result back.
 */
const eventId = (context: RequestContext, streamId: string, index: number): string =>
  context.idempotencyKey ? nameBasedUuid(`${context.actor}\n${context.idempotencyKey}\n${streamId}\n${index}`) : randomUUID();
