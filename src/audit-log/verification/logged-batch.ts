import { GENESIS_HASH } from '@lotse/event-store/canonical-json';

/** Where a stream's chain stands after the events the walk has seen so far. */
export interface ChainEnd {
  version: number;
  hash: string;
  position: number;
}

/**
 * A batch of the log as the full verification checks it, in columns (no object per event): where
 * each event stands, the hash it carries, and the version of its stream's event before it (-1 for
 * none). `leafOk`, when the read already knows it: whether leaf `from + i` records event i.
 */
export interface LoggedBatch {
  from: number;
  streamId: string[];
  version: number[];
  position: number[];
  hash: string[];
  previousVersion: number[];
  leafOk?: Uint8Array;
}

export const emptyBatch = (from: number): LoggedBatch => ({ from, streamId: [], version: [], position: [], hash: [], previousVersion: [] });

/**
 * Adds an event to `batch` and moves its stream's chain on; answers the stored hash of the
 * stream's event before it (the genesis hash for the first), which its chain hash continues from.
 */
export const linkEvent = (
  chains: Map<string, ChainEnd>,
  batch: LoggedBatch,
  streamId: string,
  version: number,
  position: number,
  hash: string,
): string => {
  batch.streamId.push(streamId);
  batch.version.push(version);
  batch.position.push(position);
  batch.hash.push(hash);
  const end = chains.get(streamId);
  if (!end) {
    batch.previousVersion.push(-1);
    chains.set(streamId, { version, hash, position });
    return GENESIS_HASH;
  }
  batch.previousVersion.push(end.version);
  const previous = end.hash;
  end.version = version;
  end.hash = hash;
  end.position = position;
  return previous;
};
