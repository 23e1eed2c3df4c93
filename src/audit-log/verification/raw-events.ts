import {
  CheckedColumns,
  checkedColumns,
  contentAgreesWithColumns,
  eventColumns,
  EventRow,
  LogCursor,
  SqlDriver,
  StoredEvent,
  toStoredEvent,
} from '@lotse/event-store';

/**
 * The events as the rows hold them: not upcast, straight from the table, because what is checked
 * is what is stored. The log order is the store's: (writing transaction, global position).
 * `content` is the stored text the hash covers; `columnsAgree`: whether the columns queries filter
 * on say what it says.
 */
export interface RawEvent extends StoredEvent {
  transactionId: string;
  content: string;
  columnsAgree: boolean;
}

/** The read columns and the ones checked against the content. */
export const RAW_COLUMNS = `${eventColumns('e')}, ${checkedColumns('e')}`;

export type RawRow = EventRow & CheckedColumns;

/** A content that is not even JSON (changed by hand) still makes an event to report, with the columns' envelope. */
const parsed = (r: RawRow): StoredEvent => {
  try {
    return toStoredEvent(r);
  } catch {
    return {
      ...toStoredEvent({ ...r, content: '{}' }),
      eventId: r.event_id,
      type: r.type,
      schemaVersion: r.schema_version,
      recordedAt: r.recorded_at_us,
    };
  }
};

export const toRawEvent = (r: RawRow): RawEvent => ({
  ...parsed(r),
  transactionId: r.transaction_id,
  content: r.content,
  columnsAgree: contentAgreesWithColumns(r.content, r),
});

/** A row as the full verification reads it without COPY: the content as stored, the checked columns beside it. */
export type LogRow = RawRow;

const LOG_COLUMNS = RAW_COLUMNS;

export const LOG_START: LogCursor = { transactionId: '0', position: 0 };

/** Only events of transactions older than every running one: a late commit cannot land behind the reader. */
export const SETTLED = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

const batchQuery = (columns: string, from = 'events e') => `select ${columns} from ${from}
  where (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) and ${SETTLED}
  order by e.transaction_id, e.global_position limit $3`;
const RAW_BATCH = batchQuery(RAW_COLUMNS);

/**
 * Each event with the tree's leaf for its position, in the same statement: one round trip per
 * batch instead of two, and the leaf's hash is compared where it lies instead of travelling as hex.
 */
const LEAF_BATCH = batchQuery(
  `${LOG_COLUMNS}, l.leaf_index::text as leaf_index, encode(l.event_hash, 'hex') = e.hash as leaf_matches`,
  'events e left join audit_leaves l on l.global_position = e.global_position',
);

/** The next `limit` events after `cursor` in log order. */
export const readLogBatch = (driver: SqlDriver, cursor: LogCursor, limit: number): Promise<RawRow[]> =>
  driver.query<RawRow>(RAW_BATCH, [cursor.transactionId, cursor.position, limit]);

/**
 * Walks the whole log in batches; memory stays that of two batches. The next batch is already
 * being read while the caller works on this one, so the database and the hashing overlap.
 */
export const walkLog = (driver: SqlDriver, batchSize = 5_000): AsyncGenerator<RawRow[]> => walk<RawRow>(driver, RAW_BATCH, () => batchSize);

/** A logged event and the leaf that records its position, if any: the index and whether it holds the event's hash. */
export type LeafRow = LogRow & { leaf_index: string | null; leaf_matches: boolean | null };

/**
 * The walk with each event's leaf. Batches are small (a thousand rows): two of
 * them are alive at any time, and the fewer objects survive each young-generation collection, the
 * less the collector copies. `limit(read)` may shorten the next batch, e.g. to end one at a
 * checkpoint's tree size.
 */
export const walkLogWithLeaves = (driver: SqlDriver, limit: (read: number) => number): AsyncGenerator<LeafRow[]> =>
  walk<LeafRow>(driver, LEAF_BATCH, limit);

async function* walk<Row extends { transaction_id: string; global_position: string }>(
  driver: SqlDriver,
  sql: string,
  limit: (read: number) => number,
): AsyncGenerator<Row[]> {
  let read = 0;
  let next: Promise<Row[]> = driver.query<Row>(sql, [LOG_START.transactionId, LOG_START.position, limit(0)]);
  try {
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      read += rows.length;
      const last = rows[rows.length - 1];
      next = driver.query<Row>(sql, [last.transaction_id, Number(last.global_position), limit(read)]);
      yield rows;
    }
  } finally {
    // A caller that stops early leaves one read in flight; its failure must not go unheard.
    next.catch(() => undefined);
  }
}
