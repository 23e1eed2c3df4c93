import type { SqlDriver, StoredEvent } from '@lotse/event-store';

/**
 * The events as the rows hold them: not upcast, straight from the table, because what is checked
 * is what is stored. The log order is the store's: (writing transaction, global position).
 */
export interface RawEvent extends StoredEvent {
  transactionId: string;
}

export const RAW_COLUMNS = `
  e.global_position::text as global_position, e.transaction_id::text as transaction_id, e.stream_id,
  e.stream_version::text as stream_version, e.event_id::text as event_id, e.type, e.schema_version, e.data, e.metadata,
  to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, e.hash`;

export interface RawRow {
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

export const toRawEvent = (r: RawRow): RawEvent => ({
  globalPosition: Number(r.global_position),
  transactionId: r.transaction_id,
  streamId: r.stream_id,
  streamVersion: Number(r.stream_version),
  eventId: r.event_id,
  type: r.type,
  schemaVersion: r.schema_version,
  data: r.data,
  metadata: r.metadata,
  recordedAt: r.recorded_at,
  hash: r.hash,
});

export interface LogCursor {
  transactionId: string;
  position: number;
}

export const LOG_START: LogCursor = { transactionId: '0', position: 0 };

/** Only events of transactions older than every running one: a late commit cannot land behind the reader. */
const SETTLED = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/** The next `limit` events after `cursor` in log order. */
export const readLogBatch = (driver: SqlDriver, cursor: LogCursor, limit: number): Promise<RawRow[]> =>
  driver.query<RawRow>(
    `select ${RAW_COLUMNS} from events e
      where (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) and ${SETTLED}
      order by e.transaction_id, e.global_position limit $3`,
    [cursor.transactionId, cursor.position, limit],
  );

/**
 * Walks the whole log in batches; memory stays that of two batches. The next batch is already
 * being read while the caller works on this one, so the database and the hashing overlap.
 */
export async function* walkLog(driver: SqlDriver, batchSize = 5_000): AsyncGenerator<RawRow[]> {
  let next: Promise<RawRow[]> = readLogBatch(driver, LOG_START, batchSize);
  try {
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      next = readLogBatch(driver, { transactionId: last.transaction_id, position: Number(last.global_position) }, batchSize);
      yield rows;
    }
  } finally {
    // A caller that stops early leaves one read in flight; its failure must not go unheard.
    next.catch(() => undefined);
  }
}
