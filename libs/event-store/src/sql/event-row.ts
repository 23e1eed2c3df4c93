import type { StoredEvent } from '../event-store';

/** One row of the events table as `eventColumns()` selects it (bigints as text, so no precision is lost). */
export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  /** The event's canonical envelope, the exact text its hash covers. */
  content: string;
  hash: string;
}

/** What the content holds besides the stream id (see chainContent). */
interface Envelope {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  recordedAt: string;
}

/**
 * The row as the store hands it out (before any upcasting): the envelope from the hashed content,
 * one JSON.parse, so what a reader sees is what the chain covers, whatever a column says.
 */
export const toStoredEvent = (r: EventRow): StoredEvent => {
  const { eventId, type, schemaVersion, data, metadata, recordedAt } = JSON.parse(r.content) as Envelope;
  const streamVersion = Number(r.stream_version);
  return {
    streamId: r.stream_id,
    streamVersion,
    globalPosition: Number(r.global_position),
    eventId,
    type,
    schemaVersion,
    data,
    metadata,
    recordedAt,
    hash: r.hash,
  };
};
