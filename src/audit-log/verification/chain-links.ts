// File by file: a hashing thread loads these two and not the drivers behind the package index.
import { chainHash } from '@lotse/event-store/canonical-json';
import { chainContentOfJsonbText } from '@lotse/event-store/sql/jsonb-canonical';
import { HASH_BYTES, leafHash, TreeBuilder } from '@lotse/transparency';

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

/** What a hashing thread answers for a batch of links. */
export interface HashedLinks {
  /** Each event's hash recomputed from its content, in order; undefined where it cannot be hashed. */
  chain: (string | undefined)[];
  /** The Merkle leaf of each event's stored hash, 32 bytes each; absent when `root` stands for them. */
  leaves?: Uint8Array;
  /** For an aligned batch of 2^k events: the root of their subtree instead of the leaves. */
  root?: Uint8Array;
}

/** Recomputes every link's chain hash and hashes its stored hash into a leaf, or the batch into one subtree. */
export const hashLinks = (links: ChainLinks, subtree: boolean): HashedLinks => {
  const chain = links.previousHash.map((previous, i) =>
    recomputeHash(previous, () =>
      chainContentOfJsonbText(links.streamId[i], {
        eventId: links.eventId[i],
        type: links.type[i],
        schemaVersion: links.schemaVersion[i],
        data: links.data[i],
        metadata: links.metadata[i],
        recordedAt: links.recordedAt[i],
      }),
    ),
  );
  if (subtree) {
    const tree = TreeBuilder.empty();
    for (const hash of links.hash) tree.addEntry(Buffer.from(hash, 'hex'));
    return { chain, root: tree.root() };
  }
  const leaves = Buffer.alloc(links.hash.length * HASH_BYTES);
  links.hash.forEach((hash, i) => leaves.set(leafHash(Buffer.from(hash, 'hex')), i * HASH_BYTES));
  return { chain, leaves };
};
