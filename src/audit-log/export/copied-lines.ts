import { copiedRowsOf, SqlCopyOut, SqlDriver } from '@lotse/event-store';
import { eventLinesSql } from './event-line-sql';
import { PreviousHashes, StreamEvent } from './previous-hashes';
import { readAhead } from './read-ahead';

/** Leaves per COPY: a few MB of lines, so memory stays flat however long the log. */
const BATCH = 5_000;
/** COPYs in flight: one backend per core builds lines while this process sends the last batch. */
const IN_FLIGHT = 2;
/** stream_id, stream_version, hash, head, tail (see eventLinesSql). */
const COLUMNS = 5;

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

const linesCopy = (fromLeaf: number, toLeaf: number) =>
  `copy (${eventLinesSql(leaf(fromLeaf), leaf(toLeaf))}) to stdout with (format binary)`;

/**
 * Each row's head, previous hash and tail, one line after the other. Written over the COPY output
 * itself, front to back, when every line fits where its row began (a row's stream, version, hash
 * and field lengths take more room than a previous hash of the same length as its own), which
 * spares allocating, and faulting in, a few MB per batch; else into a buffer of its own.
 */
const joinLines = (data: Buffer, fields: Int32Array, previous: readonly string[]): Buffer => {
  let size = 0;
  let fitsInPlace = true;
  for (let i = 0, f = 0; i < previous.length; i += 1, f += 2 * COLUMNS) {
    const head = fields[f + 7] - fields[f + 6];
    fitsInPlace &&= size + head + Buffer.byteLength(previous[i]) <= fields[f + 8];
    size += head + Buffer.byteLength(previous[i]) + fields[f + 9] - fields[f + 8];
  }
  const lines = fitsInPlace ? data : Buffer.allocUnsafe(size);
  let at = 0;
  const move = (start: number, end: number) => {
    if (fitsInPlace) data.copyWithin(at, start, end);
    else data.copy(lines, at, start, end);
    at += end - start;
  };
  for (let i = 0, f = 0; i < previous.length; i += 1, f += 2 * COLUMNS) {
    move(fields[f + 6], fields[f + 7]);
    at += lines.write(previous[i], at);
    move(fields[f + 8], fields[f + 9]);
  }
  return lines.subarray(0, at);
};

/**
 * The event lines of leaves [fromLeaf, toLeaf) in leaf order, a batch's worth of bytes per chunk,
 * read by COPY (binary): this process decodes only each row's stream, version and hash, and copies
 * the line's head and tail through as the database wrote them, with the previous hash between.
 */
export async function* copiedLines(
  driver: SqlDriver,
  copy: SqlCopyOut,
  fromLeaf: number,
  toLeaf: number,
  batch = BATCH,
): AsyncGenerator<Buffer> {
  const previousHashes = new PreviousHashes(driver);
  const batches = readAhead(fromLeaf, toLeaf, batch, IN_FLIGHT, (from, to) =>
    copiedRowsOf(copy.copyOut(linesCopy(from, to), SERIAL_PLAN), COLUMNS),
  );
  for await (const { data, fields, rows } of batches) {
    const events = new Array<StreamEvent>(rows);
    for (let i = 0, f = 0; i < rows; i += 1, f += 2 * COLUMNS) {
      events[i] = {
        stream_id: data.toString('utf8', fields[f], fields[f + 1]),
        stream_version: data.toString('utf8', fields[f + 2], fields[f + 3]),
        hash: data.toString('utf8', fields[f + 4], fields[f + 5]),
      };
    }
    yield joinLines(
      data,
      fields,
      (await previousHashes.of(events)).map((hash) => JSON.stringify(hash)),
    );
  }
}
