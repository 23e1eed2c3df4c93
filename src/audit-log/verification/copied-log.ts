import { CopiedRows, copyRowBatches, readInt64, SqlCopyOut } from '@lotse/event-store';
import { COPIED_COLUMNS, COPIED_SELECT, CopiedJob, Col, LEAF_COLUMNS, LEAF_SELECT } from './copied-links';
import { ChainEnd, emptyBatch, linkEvent, LoggedBatch } from './logged-batch';
import { SETTLED } from './raw-events';

/**
 * The whole log in one COPY, in log order, walking the log-order index (no sort of a million wide
 * rows). No parallel workers and no JIT: the hashing threads already use the cores, and JIT's
 * compile costs more than it saves here.
 */
export const LOG_COPY = `copy (select ${COPIED_SELECT} from events e
  where ${SETTLED} order by e.transaction_id, e.global_position) to stdout with (format binary)`;
export const LOG_PLAN = {
  enable_sort: 'off',
  max_parallel_workers_per_gather: '0',
  jit: 'off',
};

/** The first `treeSize` leaves in leaf order, by their primary key's index; COPY takes no parameters, hence the literal. */
export const leavesCopy = (treeSize: number): string => {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new RangeError(`not a tree size: ${treeSize}`);
  return `copy (select ${LEAF_SELECT} from audit_leaves where leaf_index < ${treeSize} order by leaf_index) to stdout with (format binary)`;
};

/** A batch of the log read by COPY: what the check needs, and the job that hashes it on a thread. */
export interface CopiedBatch {
  batch: LoggedBatch;
  job: CopiedJob;
  transfer: ArrayBuffer[];
}

/**
 * The log in batches of `size(read)` rows, read by COPY (binary), each event linked to its
 * stream's chain in `chains`, with the tree's first `treeSize` leaves read by a second COPY in
 * step: batch for batch, as many leaves as events, fewer where the leaves end. This thread decodes
 * only each row's stream, version, position and hash; the rows' bytes go to a hashing thread as
 * they came, with the predecessors' hashes beside them.
 */
export async function* copiedLog(
  copy: SqlCopyOut,
  chains: Map<string, ChainEnd>,
  size: (read: number) => number,
  treeSize: number,
): AsyncGenerator<CopiedBatch> {
  const leaves = copyRowBatches(copy.copyOut(leavesCopy(treeSize), LOG_PLAN), LEAF_COLUMNS, size)[Symbol.asyncIterator]();
  // Started at once, so that the server fills both connections' buffers while the first rows are cut.
  let nextLeaves: Promise<IteratorResult<CopiedRows>> = leaves.next();
  let from = 0;
  try {
    for await (const { data, fields, rows } of copyRowBatches(copy.copyOut(LOG_COPY, LOG_PLAN), COPIED_COLUMNS, size)) {
      const leafBatch = await nextLeaves;
      const { data: leafData, fields: leafFields } = leafBatch.done ? noLeaves() : leafBatch.value;
      nextLeaves = leafBatch.done ? nextLeaves : leaves.next();
      const batch = emptyBatch(from);
      const { previous, previousEnds } = linkRows(chains, batch, data, fields, rows);
      const job: CopiedJob = { kind: 'copied', data, fields, leafData, leafFields, previous, previousEnds, from, subtree: false };
      const transfer = [data.buffer, fields.buffer, leafData.buffer, leafFields.buffer, previous.buffer, previousEnds.buffer];
      yield { batch, job, transfer: transfer as ArrayBuffer[] };
      from += rows;
    }
    // Leaves past the log's end (events deleted behind the store's back) are read to the end, so that
    // their COPY finishes and its connection goes back to the pool; the verifier reports them.
    for (let rest = await nextLeaves; !rest.done; rest = await leaves.next());
  } finally {
    // Stopped early: the leaves' COPY ends with it; a read failing meanwhile is the events' error's echo.
    nextLeaves.catch(() => undefined);
    await leaves.return?.(undefined).catch(() => undefined);
  }
}

/** An empty batch of leaves, with buffers of its own: a job's buffers are handed to a thread. */
const noLeaves = (): CopiedRows => ({ data: Buffer.from(new ArrayBuffer(0)), fields: new Int32Array(0), rows: 0 });

/** Links each row's event to its stream's chain; answers the predecessors' stored hashes, UTF-8, end to end. */
const linkRows = (chains: Map<string, ChainEnd>, batch: LoggedBatch, data: Buffer, fields: Int32Array, rows: number) => {
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
  return { previous, previousEnds };
};
