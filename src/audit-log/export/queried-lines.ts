import { SqlDriver } from '@lotse/event-store';
import { eventLinesSql } from './event-line-sql';
import { PreviousHashes } from './previous-hashes';
import { readAhead } from './read-ahead';

/** Leaves per statement: a few MB of rows, so memory stays flat however long the log. */
const BATCH = 2_000;
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
 * Receiving the line in two pieces costs this process half of what parsing a dozen columns and
 * joining them did, while the database, which reads the rows anyway, spends a little more.
 */
const LINES_SQL = eventLinesSql('$1', '$2');

/**
 * The event lines of leaves [fromLeaf, toLeaf) in leaf order, a batch's worth per chunk, read as
 * rows: for a driver without COPY (PGlite).
 */
export async function* queriedLines(driver: SqlDriver, fromLeaf: number, toLeaf: number, batch = BATCH): AsyncGenerator<string> {
  const previousHashes = new PreviousHashes(driver);
  const batches = readAhead(fromLeaf, toLeaf, batch, IN_FLIGHT, (from, to) => driver.query<LineRow>(LINES_SQL, [from, to]));
  for await (const rows of batches) {
    const previous = await previousHashes.of(rows);
    let chunk = '';
    for (let i = 0; i < rows.length; i += 1) chunk += rows[i].head + JSON.stringify(previous[i]) + rows[i].tail;
    yield chunk;
  }
}
