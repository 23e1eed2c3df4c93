import { eventColumns, EventRow, LogCursor, SqlDriver, StoredEvent, toStoredEvent } from '@lotse/event-store';

/**
 * The events as the rows hold them: not upcast, straight from the table, because what is checked
 * is what is stored. The log order is the store's: (writing transaction, global position).
 */
export interface RawEvent extends StoredEvent {
  transactionId: string;
}

export const RAW_COLUMNS = eventColumns('e');

export type RawRow = EventRow;

export const toRawEvent = (r: RawRow): RawEvent => ({ ...toStoredEvent(r), transactionId: r.transaction_id });

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
