import { DomainError } from '@lotse/domain';
import { EventStore, StoredEvent, WrongExpectedVersionError } from '@lotse/event-store';
import { randomUUID } from 'node:crypto';
import { Decider, DomainEvent } from './decider';
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
const MAX_ATTEMPTS = 5;
const SCHEMA_VERSION = 1;

/**
 * Load, decide, append with the version that was read. A lost race is decided again on the newer
 * state, a bounded number of times, as long as the command is still valid there; an `If-Match`
 * that no longer holds is a 412.
 */
export class AggregateStore {
  private readonly streams = new KeyedMutex();

  constructor(private readonly store: EventStore) {}

  async load<Event extends DomainEvent, State>(streamId: string, decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>): Promise<Loaded<State>> {
    const events = await this.store.readStream(streamId);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState);
    return { state, version: events.length ? events[events.length - 1].streamVersion : -1, events };
  }

  async handle<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: (state: State) => Command | Promise<Command>,
    context: RequestContext,
    ifMatch?: number,
  ): Promise<Decided<Event>> {
    return this.streams.run(streamId, () => this.decideAndAppend(streamId, decider, command, context, ifMatch));
  }

  private async decideAndAppend<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: (state: State) => Command | Promise<Command>,
    context: RequestContext,
    ifMatch?: number,
  ): Promise<Decided<Event>> {
    for (let attempt = 1; ; attempt += 1) {
      const { state, version, events: history } = await this.load(streamId, decider);
      if (ifMatch !== undefined && ifMatch !== version) {
        throw new DomainError('version_conflict', `the resource is at version ${version}, not ${ifMatch}`, { status: 412, actual: version });
      }
      const events = decider.decide(await command(state), state);
      if (events.length === 0) return { events, version, position: history.at(-1)?.globalPosition ?? 0 };
      try {
        const result = await this.store.append(streamId, events.map((e, i) => ({
          eventId: eventId(context, streamId, i),
          type: e.type,
          schemaVersion: SCHEMA_VERSION,
          data: e.data as Record<string, unknown>,
          metadata: { actor: context.actor, role: context.role, municipality: context.municipality,
            correlationId: context.correlationId, causationId: context.idempotencyKey ?? null, occurredAt: context.now },
        })), { expectedVersion: version < 0 ? 'no_stream' : version });
        return { events, version: result.nextVersion, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new DomainError('version_conflict', `${streamId} kept changing while the command was decided; try again`, { status: 409 });
        }
      }
    }
  }
}

/**
 * With an Idempotency-Key the event ids are derived from it, so a retry after a crash between
 * append and answer finds its events stored and gets the first result back.
 */
const eventId = (context: RequestContext, streamId: string, index: number): string =>
  context.idempotencyKey ? nameBasedUuid(`${context.actor}\n${context.idempotencyKey}\n${streamId}\n${index}`) : randomUUID();
