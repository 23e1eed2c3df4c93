import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { BoundedCache } from '../event-sourcing/bounded-cache';

/** Whose data a stream holds and which municipality it belongs to: what every audit read is checked against. */
export interface StreamOwner {
  municipality: string;
  /** The person whose key seals the stream's personal fields; null for streams about no one (offers). */
  participantId: string | null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** The streams of a person: named after the participant's id, owned by the municipality that registered them. */
const PERSON_STREAM = new RegExp(`^(participant|enrolment|guard-decisions)-(${UUID})$`);
/** Streams whose first event names their municipality (and, for a pathway, its participant). */
const OWN_STREAM = new RegExp(`^(pathway|offer)-(${UUID})$`);

/** Registrations and openings never change their municipality or participant, so an owner once found stays true. */
const CACHE_SIZE = 50_000;

/**
 * Derives a stream's owner from the log itself, for every kind of stream the service writes: a person's streams
 * (registration, enrolment ledger, refused guard decisions) from the registration, a pathway or an offer from its
 * first event. Any other name, or a stream that does not exist, has no owner: the audit routes answer 404 for it,
 * the same as for a stream of another municipality, so nobody learns what exists elsewhere.
 */
@Injectable()
export class StreamOwnership {
  private readonly cache = new BoundedCache<string, StreamOwner>(CACHE_SIZE);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(streamId: string): Promise<StreamOwner | undefined> {
    const cached = this.cache.get(streamId);
    if (cached) return cached;
    const owner = await this.find(streamId);
    if (owner) this.cache.set(streamId, owner);
    return owner;
  }

  /** The municipality that registered a participant; undefined for no such participant. */
  async municipalityOf(participantId: string): Promise<string | undefined> {
    return (await this.of(`participant-${participantId}`))?.municipality;
  }

  private async find(streamId: string): Promise<StreamOwner | undefined> {
    const person = PERSON_STREAM.exec(streamId);
    if (person) {
      const participantId = person[2];
      const municipality = await this.firstDataField(`participant-${participantId}`, 'municipality');
      return municipality === undefined ? undefined : { municipality, participantId };
    }
    const own = OWN_STREAM.exec(streamId);
    if (!own) return undefined;
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    const municipality = first?.data.municipality;
    if (typeof municipality !== 'string') return undefined;
    const participantId = own[1] === 'pathway' && typeof first.data.participantId === 'string' ? first.data.participantId : null;
    return { municipality, participantId };
  }

  private async firstDataField(streamId: string, field: string): Promise<string | undefined> {
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    const value = first?.data[field];
    return typeof value === 'string' ? value : undefined;
  }
}
