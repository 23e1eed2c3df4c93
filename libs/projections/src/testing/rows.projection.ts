import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent } from '@lotse/event-store';
import type { Projection } from '../projection';

export type Row = Record<string, unknown> & { id: string };

/** A projection whose events say outright what each document is: for testing queries, not folds. */
export const rows = (name = 'rows'): Projection<Row> => ({
  name,
  handles: ['RowSet', 'RowDeleted'],
  documentId: (event) => String(event.data.id),
  apply: (_current, event) => (event.type === 'RowSet' ? { id: String(event.data.id), ...(event.data.fields as object) } : undefined),
  indexes: [['group', 'status'], ['owner']],
});

const rowEvent = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: 'tester',
    role: 'admin',
    municipality: 'neuss',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: '2026-03-01T09:00:00.000Z',
  },
});

/** Appends the rows (and deletions) as one stream and returns them as stored, in log order. */
export const storeRows = async (store: EventStore, set: Row[], deleted: string[] = []): Promise<StoredEvent[]> => {
  const streamId = `rows-${randomUUID()}`;
  await store.append(
    streamId,
    [...set.map(({ id, ...fields }) => rowEvent('RowSet', { id, fields })), ...deleted.map((id) => rowEvent('RowDeleted', { id }))],
    { expectedVersion: 'no_stream' },
  );
  return store.readStream(streamId);
};
