import { SqlDriver } from '@lotse/event-store';
import { PreviousHashes } from './previous-hashes';

/** Leaves per statement: a few MB of rows, so memory stays flat however long the log. */
const BATCH = 2_000;

/**
 * Statements in flight while the caller writes: on two or more cores the database's backends
 * build the next lines while this process sends the last ones.
 */
const IN_FLIGHT = 2;

interface LineRow {
  stream_id: string;
  stream_version: string;
  hash: string;
  /** The line up to the previous hash, which this process fills in (see PreviousHashes). */
  head: string;
  /** The rest of the line, newline included. */
  tail: string;
}

/**
 * The database writes each event line of the export format (see ExportEvent) itself: its JSON
 * escaping (to_json) is JSON.stringify's, and data and metadata go out as the jsonb text, unparsed.
 * Receiving the line in two pieces costs this process half of what parsing a dozen columns and
 * joining them did, while the database, which reads the rows anyway, spends a little more.
 */
const LINES_SQL = `select e.stream_id, e.stream_version::text, e.hash,
        '{"kind":"event","leafIndex":' || l.leaf_index::text || ',"position":' || e.global_position::text ||
        ',"streamId":' || to_json(e.stream_id)::text || ',"streamVersion":' || e.stream_version::text ||
        ',"eventId":"' || e.event_id::text || '","type":' || to_json(e.type)::text || ',"schemaVersion":' || e.schema_version::text ||
        ',"recordedAt":"' || to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","previousHash":' as head,
        ',"hash":' || to_json(e.hash)::text || ',"data":' || e.data::text || ',"metadata":' || e.metadata::text || E'}\\n' as tail
   from audit_leaves l
   join events e on e.global_position = l.global_position
  where l.leaf_index >= $1 and l.leaf_index < $2
  order by l.leaf_index`;

/** The event lines of leaves [fromLeaf, toLeaf) in leaf order, a batch's worth per chunk. */
export async function* exportLines(driver: SqlDriver, fromLeaf: number, toLeaf: number, batch = BATCH): AsyncGenerator<string> {
  const previousHashes = new PreviousHashes(driver);
  const reading: Promise<LineRow[]>[] = [];
  let unread = fromLeaf;
  const readAhead = () => {
    for (; reading.length < IN_FLIGHT && unread < toLeaf; unread += batch) {
      reading.push(driver.query<LineRow>(LINES_SQL, [unread, Math.min(unread + batch, toLeaf)]));
    }
  };
  try {
    readAhead();
    while (reading.length > 0) {
      const rows = await reading.shift()!;
      readAhead();
      const previous = await previousHashes.of(rows);
      let chunk = '';
      for (let i = 0; i < rows.length; i += 1) chunk += rows[i].head + JSON.stringify(previous[i]) + rows[i].tail;
      yield chunk;
    }
  } finally {
    // A caller that stops early (the client went away) leaves reads in flight; their failure must not go unheard.
    for (const read of reading) read.catch(() => undefined);
  }
}
