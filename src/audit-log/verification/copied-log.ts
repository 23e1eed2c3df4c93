import { copyRowBatches, readInt64, SqlCopyOut } from '@lotse/event-store';
import { COPIED_COLUMNS, COPIED_SELECT, CopiedJob, Col } from './copied-links';
import { ChainEnd, emptyBatch, linkEvent, LoggedBatch } from './logged-batch';
import { SETTLED } from './raw-events';

/**
 * The whole log in one COPY, in log order. Without a LIMIT the planner would hash-join the leaves
 * and sort the log (a million wide rows through a sort); walking the log-order index with a
 * lookup of each leaf streams the rows as they come, in constant memory. No parallel workers
 * and no JIT: the hashing threads already use the cores, and JIT's compile costs more than it saves here.
 */
export const LOG_COPY = `copy (select ${COPIED_SELECT}
   from events e left join audit_leaves l on l.global_position = e.global_position
  where ${SETTLED} order by e.transaction_id, e.global_position) to stdout with (format binary)`;
export const LOG_PLAN = {
  enable_sort: 'off',
  enable_hashjoin: 'off',
  enable_mergejoin: 'off',
  max_parallel_workers_per_gather: '0',
  jit: 'off',
};

/** A batch of the log read by COPY: what the check needs, and the job that hashes it on a thread. */
export interface CopiedBatch {
  batch: LoggedBatch;
  job: CopiedJob;
  transfer: ArrayBuffer[];
}

/**
 * The log in batches of `size(read)` rows, read by COPY (binary), each event linked to its
 * stream's chain in `chains`. This thread decodes only each row's stream, version, position and
 * hash; the rows' bytes go to a hashing thread as they came, with the predecessors' hashes beside them.
 */
export async function* copiedLog(
  copy: SqlCopyOut,
  chains: Map<string, ChainEnd>,
  size: (read: number) => number,
): AsyncGenerator<CopiedBatch> {
  let from = 0;
  for await (const { data, fields, rows } of copyRowBatches(copy.copyOut(LOG_COPY, LOG_PLAN), COPIED_COLUMNS, size)) {
    const batch = emptyBatch(from);
    let previous: Buffer = Buffer.allocUnsafeSlow(rows * 64);
    const previousEnds = new Int32Array(rows);
    let at = 0;
    for (let i = 0, f = 0; i < rows; i += 1, f += 2 * COPIED_COLUMNS) {
      const hash = linkEvent(
        chains,
        batch,
        data.toString('utf8', fields[f + 2 * Col.StreamId], fields[f + 2 * Col.StreamId + 1]),
        readInt64(data, fields[f + 2 * Col.Version]),
        readInt64(data, fields[f + 2 * Col.Position]),
        data.toString('utf8', fields[f + 2 * Col.Hash], fields[f + 2 * Col.Hash + 1]),
      );
      if (at + 3 * hash.length > previous.length) {
        const grown = Buffer.allocUnsafeSlow(2 * previous.length + 3 * hash.length);
        previous.copy(grown, 0, 0, at);
        previous = grown;
      }
      at += previous.write(hash, at, 'utf8');
      previousEnds[i] = at;
    }
    const job: CopiedJob = { kind: 'copied', data, fields, previous, previousEnds, from, subtree: false };
    yield {
      batch,
      job,
      transfer: [data.buffer as ArrayBuffer, fields.buffer as ArrayBuffer, previous.buffer as ArrayBuffer, previousEnds.buffer],
    };
    from += rows;
  }
}
