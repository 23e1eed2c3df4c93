import { EventData, jsonEvent, RecordedEvent } from '@eventstore/db-client';
import { EventMetadata, NewEvent, StoredEvent } from '../event-store';
import { chainContent, chainHash } from '../canonical-json';
import { InvalidEventError } from '../errors';
import { commitPositionOf } from './kurrentdb-log';

/** The parts of the envelope KurrentDB has no field for; they ride in the event's metadata JSON. */
interface EnvelopeExtras {
  recordedAt: string;
  schemaVersion: number;
  hash: string;
}

const EXTRAS: readonly (keyof EnvelopeExtras)[] = ['recordedAt', 'schemaVersion', 'hash'];

/** Chains and serialises one append; `previousHash` is the hash of the stream's last stored event. */
export const toEventData = (streamId: string, events: readonly NewEvent[], previousHash: string, recordedAt: string): EventData[] => {
  let hash = previousHash;
  return events.map((e) => {
    // The caller's metadata shares one JSON object with ours: a shadowed key would not survive
    // the round trip, and the chain could no longer be re-verified.
    const clash = EXTRAS.find((key) => key in e.metadata);
    if (clash) throw new InvalidEventError(`metadata must not carry ${clash}, the store sets it`);
    const eventId = e.eventId.toLowerCase();
    hash = chainHash(hash, chainContent(streamId, { ...e, eventId, recordedAt }));
    return jsonEvent({
      id: eventId,
      type: e.type,
      data: e.data,
      metadata: { ...e.metadata, recordedAt, schemaVersion: e.schemaVersion, hash },
    });
  });
};

/** The event as it was appended: not upcast, so the hash chain can be re-walked over it. */
export const toStoredEvent = (recorded: RecordedEvent): StoredEvent => {
  const { data, metadata: envelope } = recorded;
  if (!recorded.isJson || !isObject(data) || !isEnvelope(envelope)) {
    throw new Error(`${recorded.streamId}@${recorded.revision} (${recorded.type}) was not written by Lotse`);
  }
  const { recordedAt, schemaVersion, hash, ...metadata } = envelope;
  return {
    streamId: recorded.streamId,
    streamVersion: Number(recorded.revision),
    globalPosition: commitPositionOf(recorded),
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion,
    data,
    metadata: metadata as unknown as EventMetadata,
    recordedAt,
    hash,
  };
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const isEnvelope = (value: unknown): value is EnvelopeExtras & Record<string, unknown> =>
  isObject(value) && typeof value.recordedAt === 'string' && typeof value.schemaVersion === 'number' && typeof value.hash === 'string';
