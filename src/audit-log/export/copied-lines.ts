import { copiedRowsOf, readInt64, SqlCopyOut, SqlDriver } from '@lotse/event-store';
import { ByteWriter } from '@lotse/event-store/sql/byte-writer';
import { EVENT_LINE_COLUMNS, EVENT_LINE_SELECT, LineCol, writeEventLine } from './event-line-bytes';
import { PreviousHashes, StreamEvent } from './previous-hashes';
import { readAhead } from './read-ahead';

/** Leaves per COPY: a few MB of lines, so memory stays flat however long the log. */
const BATCH = 5_000;
/** COPYs in flight: a backend reads the next batch while this process writes the last one's lines. */
const IN_FLIGHT = 2;

/**
 * A batch is small enough for the planner to think parallel workers worth it, with the bounds
 * written into the statement: but the COPYs in flight already keep the cores busy, and workers
 * would add their start, a sort and a merge of wide rows to each batch.
 */
const SERIAL_PLAN = { max_parallel_workers_per_gather: '0' };

/** COPY takes no parameters: the bounds go into the statement, as integers only. */
const leaf = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a leaf index: ${n}`);
  return String(n);
};

const eventsCopy = (fromLeaf: number, toLeaf: number) =>
  `copy (select ${EVENT_LINE_SELECT} from audit_leaves l join events e on e.global_position = l.global_position
          where l.leaf_index >= ${leaf(fromLeaf)} and l.leaf_index < ${leaf(toLeaf)} order by l.leaf_index) to stdout with (format binary)`;

/** Room for a line beyond its row's bytes: the keys and the previous hash, more than the row's field lengths and envelope keys take. */
const LINE_ROOM = 256;

/**
 * The event lines of leaves [fromLeaf, toLeaf) in leaf order, a batch's worth of bytes per chunk,
 * read by COPY (binary) as the stored columns: this process writes each line (see writeEventLine),
 * which costs it less than it spares the database, building the line's text, ever did.
 */
export async function* copiedLines(
  driver: SqlDriver,
  copy: SqlCopyOut,
  fromLeaf: number,
  toLeaf: number,
  batch = BATCH,
): AsyncGenerator<Buffer> {
  const previousHashes = new PreviousHashes(driver);
  // The COPYs' bytes, one buffer per batch in flight and the one whose lines are being written, reused.
  const free: ByteWriter[] = [];
  const batches = readAhead(fromLeaf, toLeaf, batch, IN_FLIGHT, async (from, to) => {
    const into = free.pop() ?? new ByteWriter(1 << 20);
    return { into, ...(await copiedRowsOf(copy.copyOut(eventsCopy(from, to), SERIAL_PLAN), EVENT_LINE_COLUMNS, into)) };
  });
  for await (const { into, data, fields, rows } of batches) {
    const events = new Array<StreamEvent>(rows);
    for (let i = 0, f = 0; i < rows; i += 1, f += 2 * EVENT_LINE_COLUMNS) {
      events[i] = {
        stream_id: data.toString('utf8', fields[f + 2 * LineCol.StreamId], fields[f + 2 * LineCol.StreamId + 1]),
        stream_version: readInt64(data, fields[f + 2 * LineCol.Version]),
        hash: data.toString('utf8', fields[f + 2 * LineCol.Hash], fields[f + 2 * LineCol.Hash + 1]),
      };
    }
    const previous = await previousHashes.of(events);
    // A buffer of its own per batch: the socket may still hold the one before.
    const lines = new ByteWriter(data.length + rows * LINE_ROOM);
    for (let i = 0, f = 0; i < rows; i += 1, f += 2 * EVENT_LINE_COLUMNS) writeEventLine(data, fields, f, previous[i], lines);
    free.push(into);
    yield lines.view();
  }
}
