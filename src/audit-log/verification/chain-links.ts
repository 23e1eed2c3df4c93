// File by file: a hashing thread loads these two and not the drivers behind the package index.
import { chainHash } from '@lotse/event-store/canonical-json';
import { chainContentOfJsonbText } from '@lotse/event-store/sql/jsonb-canonical';
import { BatchEntries, HashedBatch } from './batch-leaves';

/**
 * What one event's chain hash covers, as the full verification reads it (data and metadata as
 * jsonb text), with the hash of the event before it in its stream and its own stored hash. Columns, not objects: a batch
 * crosses to a hashing thread as a handful of arrays, which the structured clone copies fastest.
 */
export interface ChainLinks {
  previousHash: string[];
  hash: string[];
  streamId: string[];
  eventId: string[];
  type: string[];
  schemaVersion: number[];
  data: string[];
  metadata: string[];
  recordedAt: string[];
}

export const emptyLinks = (): ChainLinks => ({
  previousHash: [],
  hash: [],
  streamId: [],
  eventId: [],
  type: [],
  schemaVersion: [],
  data: [],
  metadata: [],
  recordedAt: [],
});

/** SHA-256 of the previous hash and `content()`; undefined when the content cannot be hashed. */
export const recomputeHash = (previousHash: string, content: () => string): string | undefined => {
  try {
    return chainHash(previousHash, content());
  } catch {
    // A number JSON cannot carry (a jsonb value past a double's range) was never hashed by the store.
    return undefined;
  }
};

/** Recomputes every link's chain hash against its stored hash, and hashes the stored hashes into leaves, or the batch into one subtree. */
export const hashLinks = (links: ChainLinks, subtree: boolean): HashedBatch => {
  const chainOk = new Uint8Array(links.hash.length);
  const entries = new BatchEntries(links.hash.length);
  links.previousHash.forEach((previous, i) => {
    const recomputed = recomputeHash(previous, () =>
      chainContentOfJsonbText(links.streamId[i], {
        eventId: links.eventId[i],
        type: links.type[i],
        schemaVersion: links.schemaVersion[i],
        data: links.data[i],
        metadata: links.metadata[i],
        recordedAt: links.recordedAt[i],
      }),
    );
    chainOk[i] = recomputed === links.hash[i] ? 1 : 0;
    entries.setText(i, links.hash[i]);
  });
  return { chainOk, ...entries.leaves(subtree) };
};
