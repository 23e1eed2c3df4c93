import { NewEvent } from './event-store';
import { InvalidEventError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses what no engine should store, before any engine sees it. */
export const assertValidAppend = (streamId: string, events: readonly NewEvent[]): void => {
  if (!streamId || streamId.length > 200) throw new InvalidEventError('streamId must be 1..200 characters');
  if (events.length === 0) throw new InvalidEventError('an append needs at least one event');
  const ids = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.eventId)) throw new InvalidEventError(`eventId ${JSON.stringify(e.eventId)} is not a UUID`);
    if (ids.has(e.eventId.toLowerCase())) throw new InvalidEventError(`eventId ${e.eventId} appears twice in one append`);
    ids.add(e.eventId.toLowerCase());
    if (!e.type || e.type.startsWith('$')) throw new InvalidEventError(`event type ${JSON.stringify(e.type)} is not allowed`);
    if (!Number.isInteger(e.schemaVersion) || e.schemaVersion < 1) throw new InvalidEventError('schemaVersion must be a positive integer');
    if (e.data === null || typeof e.data !== 'object' || Array.isArray(e.data)) throw new InvalidEventError('data must be an object');
    if (!e.metadata || typeof e.metadata !== 'object') throw new InvalidEventError('metadata is required');
  }
};
