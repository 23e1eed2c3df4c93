import type { StoredEvent } from '../event-store';

/** One row of the events table as `eventColumns()` selects it (bigints as text, so no precision is lost). */
export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  recorded_at: string;
  hash: string;
}

/** The row as the store hands it out (before any upcasting). */
export const toStoredEvent = (r: EventRow): StoredEvent => ({
  streamId: r.stream_id,
  streamVersion: Number(r.stream_version),
  globalPosition: Number(r.global_position),
  eventId: r.event_id,
  type: r.type,
  schemaVersion: r.schema_version,
  data: r.data,
  metadata: r.metadata,
  recordedAt: r.recorded_at,
  hash: r.hash,
});
