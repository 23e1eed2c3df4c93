import { SqlDriver } from '@lotse/event-store';
import { addLink, ChainLinks, emptyLinks } from './chain-links';
import { ChainEnd, emptyBatch, linkEvent, LoggedBatch } from './logged-batch';
import { walkLogWithLeaves } from './raw-events';

/** A batch of the log read row by row: what the check needs, and the job that hashes it on a thread. */
export interface QueriedBatch {
  batch: LoggedBatch;
  job: { kind: 'links'; links: ChainLinks; subtree: boolean };
  transfer: ArrayBuffer[];
}

/**
 * The log in batches of `size(read)` rows, read by plain queries (where the driver has no COPY:
 * PGlite), each event linked to its stream's chain in `chains`; the leaf check is the query's.
 */
export async function* queriedLog(
  driver: SqlDriver,
  chains: Map<string, ChainEnd>,
  size: (read: number) => number,
): AsyncGenerator<QueriedBatch> {
  let from = 0;
  for await (const rows of walkLogWithLeaves(driver, size)) {
    const batch = emptyBatch(from);
    const leafOk = new Uint8Array(rows.length);
    const links = emptyLinks();
    rows.forEach((row, i) => {
      // The leaf of this position is leaf `from + i` holding this hash exactly when it records this event.
      leafOk[i] = row.leaf_matches === true && Number(row.leaf_index) === from + i ? 1 : 0;
      addLink(links, linkEvent(chains, batch, row.stream_id, Number(row.stream_version), Number(row.global_position), row.hash), row);
    });
    yield { batch: { ...batch, leafOk }, job: { kind: 'links', links, subtree: false }, transfer: [] };
    from += rows.length;
  }
}
