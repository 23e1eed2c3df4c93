import { HASH_BYTES, leafHash, leafHashesInto, perfectSubtreeRoot } from '@lotse/transparency';

/** What a hashing thread answers for a batch of the log (see ChainHashPool). */
export interface HashedBatch {
  /** Whether each event's content, after its predecessor's stored hash, gives its stored hash. */
  chainOk: Uint8Array;
  /** Whether leaf `from + i` records event i (position and hash), when the thread checked it. */
  leafOk?: Uint8Array;
  /** The Merkle leaf of each event's stored hash, 32 bytes each; absent when `root` stands for them. */
  leaves?: Uint8Array;
  /** For an aligned batch of 2^k events: the root of their subtree instead of the leaves. */
  root?: Uint8Array;
}

/** The buffers of an answer, handed back to the reading thread without a copy. */
export const transferablesOf = (hashed: HashedBatch): ArrayBuffer[] =>
  [hashed.chainOk, hashed.leafOk, hashed.leaves].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));

/**
 * A batch's stored hashes as tree entries: 32 bytes each, flat; an entry of another length (a hash
 * column that is not 64 hex digits, after tampering) is kept aside by index, hashed as RFC 9162 hashes any entry.
 */
export class BatchEntries {
  readonly flat: Buffer;
  private readonly odd = new Map<number, Buffer>();

  constructor(count: number) {
    this.flat = Buffer.allocUnsafeSlow(count * HASH_BYTES);
  }

  /** Entry `i` from the stored hash's text, as Buffer.from(text, 'hex') decodes it. */
  setText(i: number, text: string): void {
    const entry = Buffer.from(text, 'hex');
    if (entry.length === HASH_BYTES) this.flat.set(entry, i * HASH_BYTES);
    else this.odd.set(i, entry);
  }

  /** The leaves in place of the entries, or for an aligned batch of 2^k events the root of their subtree. */
  leaves(subtree: boolean): Pick<HashedBatch, 'leaves' | 'root'> {
    leafHashesInto(this.flat, this.flat);
    for (const [i, entry] of this.odd) this.flat.set(leafHash(entry), i * HASH_BYTES);
    return subtree ? { root: perfectSubtreeRoot(this.flat) } : { leaves: this.flat };
  }
}
