import { Command, Decider, DomainError, Event, StaleVersionError } from '@lotse/domain';
import { EventStore, StoredEvent, WrongExpectedVersionError } from '@lotse/event-store';
import { randomUUID } from 'node:crypto';
import { decideOnce } from './decide-once';
import { KeyedMutex } from './keyed-mutex';
import { nameBasedUuid, RequestContext } from './request-context';
import { foldStream, Snapshot, StreamSnapshots } from './stream-snapshots';

export interface Loaded<State> {
  state: State;
  /** -1 when the stream does not exist yet. */
  version: number;
  events: StoredEvent[];
}

export interface Decided<E extends Event> {
  events: E[];
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: number;
  position: number;
}

export interface CommandRun<C extends Command, E extends Event, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  /** Complete before it gets here: checked against the tenant, free text sealed. */
  command: C;
  context: RequestContext;
  /** The version the caller's `If-Match` names. */
  ifMatch?: number;
  /**
   * The stream id was just made up (`newAggregateId`): decide on the empty stream without reading
   * it first. The append's `no_stream` still checks that guess; a stream that exists after all
   * (a replayed Idempotency-Key) is read then and decided on again, like any lost race.
   */
  newStream?: boolean;
}

/**
 * Lost races re-decided on the newer state before the caller gets a 409: at least MIN_ATTEMPTS,
 * and more while the first attempt is younger than RETRY_WINDOW_MS, because on a loaded machine
 * ten jittered pauses can pass while the other process still holds a queue of commands on the
 * same stream; never more than MAX_ATTEMPTS.
 */
const MIN_ATTEMPTS = 10;
const MAX_ATTEMPTS = 40;
const RETRY_WINDOW_MS = 5_000;
/**
 * Commands on one stream queue in each process, but not across processes: two instances behind a
 * load balancer race head to head, and an immediate retry meets the other's next command at the
 * same moment again. A random pause, growing with each lost race, lets one of them pass.
 */
const RETRY_PAUSE_MS = 5;
const LONGEST_RETRY_PAUSE_MS = 200;
const SCHEMA_VERSION = 1;

/**
 * Runs a command on one stream: decide on the stream's state, append with the version that was
 * decided on. Commands on one stream queue in this process; a race lost to another process is
 * decided again on the newer state, a bounded number of times, as long as the command still
 * holds there. An `If-Match` that no longer holds is a 412.
 */
export class CommandRunner {
  private readonly streams = new KeyedMutex();
  private readonly snapshots: StreamSnapshots;

  constructor(private readonly store: EventStore) {
    this.snapshots = new StreamSnapshots(store);
  }

  run<C extends Command, E extends Event, S>(run: CommandRun<C, E, S>): Promise<Decided<E>> {
    return this.streams.run(run.streamId, () => this.decideAndAppend(run));
  }

  /**
   * Appends events that record what happened and decide nothing (a log of decisions taken
   * elsewhere): whatever else was appended meanwhile, they are added, so concurrent records never
   * conflict. Their ids derive from the Idempotency-Key like every event's, so a retry adds nothing.
   */
  async record(streamId: string, events: readonly Event[], context: RequestContext): Promise<{ version: number; position: number }> {
    const result = await this.store.append(
      streamId,
      events.map((e, i) => envelope(e, context, streamId, i)),
      { expectedVersion: 'any' },
    );
    return { version: result.nextVersion, position: result.position };
  }

  /**
   * The state to check a command against before it is run (tenant, sealing). A stream that exists
   * may come from memory: what such checks read (municipality, participant) never changes once
   * written, and the run itself decides on the stream as it is.
   */
  async state<E extends Event, S>(streamId: string, decider: Decider<never, E, S>): Promise<Snapshot<S>> {
    const snapshot = await this.snapshots.current(streamId, decider);
    return snapshot.version >= 0 || snapshot.fresh ? snapshot : this.snapshots.refresh(streamId, decider);
  }

  /**
   * The stream read from the store now, folded by the decider, with its events; with `until` (a log position or an
   * ISO time), replayed only up to that moment, so the same fold answers what the state was then.
   */
  async load<E extends Event, S>(streamId: string, decider: Decider<never, E, S>, until?: number | string): Promise<Loaded<S>> {
    const { events, version } = await this.history(streamId, until);
    return { state: foldStream(decider, events), version, events };
  }

  /** The stream's events and version, for views that fold the events their own way; `until` as in `load`. */
  async history(streamId: string, until?: number | string): Promise<{ events: StoredEvent[]; version: number }> {
    const events = await this.store.readStream(streamId, until === undefined ? {} : { until });
    return { events, version: events.at(-1)?.streamVersion ?? -1 };
  }

  private async decideAndAppend<C extends Command, E extends Event, S>(run: CommandRun<C, E, S>): Promise<Decided<E>> {
    const { streamId, decider, command, ifMatch } = run;
    let snapshot = run.newStream ? this.snapshots.currentOrEmpty(streamId, decider) : await this.snapshots.current(streamId, decider);
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      const decision = decideOnce(decider, command, snapshot, ifMatch);
      switch (decision.kind) {
        case 'stale':
          snapshot = await this.snapshots.refresh(streamId, decider, snapshot);
          continue;
        case 'refused':
          throw decision.error;
        case 'version_mismatch':
          throw new StaleVersionError(decision.actual, ifMatch ?? -1);
        case 'unchanged':
          return { events: [], version: snapshot.version, position: snapshot.position };
        case 'decided': {
          const appended = await this.append(run, snapshot, decision.events);
          if (appended) return appended;
          if (retriesSpent(attempt, Date.now() - started)) {
            throw new DomainError('version_conflict', `${streamId} kept changing while the command was decided; try again`, {
              status: 409,
            });
          }
          // An If-Match that lost is a 412 on the next fresh read: no point in waiting for it. Nor is a
          // remembered state that lost: the stream moved in another process since this one wrote it (a
          // client behind a load balancer), not a race still going on; the fresh read is due at once.
          if (ifMatch === undefined && snapshot.fresh) await jitteredPause(attempt);
          snapshot = await this.snapshots.refresh(streamId, decider, snapshot);
        }
      }
    }
  }

  /** The decided events appended after `snapshot`, or `undefined` when another writer got there first. */
  private async append<C extends Command, E extends Event, S>(
    { streamId, decider, context }: CommandRun<C, E, S>,
    snapshot: Snapshot<S>,
    events: E[],
  ): Promise<Decided<E> | undefined> {
    try {
      const result = await this.store.append(
        streamId,
        events.map((e, i) => envelope(e, context, streamId, i)),
        { expectedVersion: snapshot.version < 0 ? 'no_stream' : snapshot.version },
      );
      if (result.nextVersion === snapshot.version + events.length) {
        this.snapshots.remember(streamId, {
          state: events.reduce((state, event) => decider.evolve(state, event), snapshot.state),
          version: result.nextVersion,
          position: result.position,
          fresh: false,
        });
      } else {
        // The store answered a retry with its first result: these events were already in the state we hold.
        this.snapshots.forget(streamId);
      }
      return { events, version: result.nextVersion, position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return undefined;
      this.snapshots.forget(streamId);
      throw error;
    }
  }
}

/** Whether a command that lost `attempt` races within `elapsedMs` gives up with a 409. */
export const retriesSpent = (attempt: number, elapsedMs: number): boolean =>
  attempt >= MAX_ATTEMPTS || (attempt >= MIN_ATTEMPTS && elapsedMs >= RETRY_WINDOW_MS);

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

const envelope = (event: Event, context: RequestContext, streamId: string, index: number) => ({
  eventId: eventId(context, streamId, index),
  type: event.type,
  schemaVersion: SCHEMA_VERSION,
  data: event.data,
  metadata: {
    actor: context.actor,
    role: context.role,
    municipality: context.municipality,
    correlationId: context.correlationId,
    causationId: context.idempotencyKey ?? null,
    occurredAt: context.now,
  },
});
