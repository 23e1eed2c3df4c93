import { createHash, hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), §2.1: SHA-256, a leaf is
 * HASH(0x00 ‖ entry), an inner node HASH(0x01 ‖ left ‖ right), and a tree of n leaves splits at the
 * largest power of two below n. Here an entry is an event's 32-byte chain hash.
 */
export const HASH_BYTES = 32;

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

/**
 * The input of one leaf or node hash, reused: a verification hashes two of them per event, and a
 * one-shot `crypto.hash` over a buffer already in place costs far less than a `createHash` object.
 */
const scratch = Buffer.alloc(1 + 2 * HASH_BYTES);

export const leafHash = (entry: Uint8Array): Buffer => {
  if (entry.length !== HASH_BYTES) return sha256(LEAF_PREFIX, entry);
  scratch[0] = 0;
  scratch.set(entry, 1);
  return hash('sha256', scratch.subarray(0, 1 + HASH_BYTES), 'buffer');
};

export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) return sha256(NODE_PREFIX, left, right);
  scratch[0] = 1;
  scratch.set(left, 1);
  scratch.set(right, 1 + HASH_BYTES);
  return hash('sha256', scratch, 'buffer');
};
/** MTH({}): the hash of the empty string. */
export const EMPTY_TREE_HASH: Buffer = sha256();

/**
 * A complete subtree: the 2^level leaves from index·2^level on. Every hash a proof needs is a
 * fold of such nodes, so a store that keeps them answers any proof with a handful of lookups.
 */
export interface TreeNode {
  level: number;
  index: number;
}

/** A half-open range of leaves, [start, end). */
export type LeafRange = readonly [start: number, end: number];

/** Largest power of two strictly below n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const isPowerOfTwo = (n: number): boolean => n >= 1 && splitPoint(n + 1) === n;

/**
 * The complete subtrees whose right fold is MTH(D[start:end]): greedily the left part of each split.
 * Only ranges that start on a multiple of their own split size occur in RFC 9162's proofs.
 */
export const rangeNodes = ([start, end]: LeafRange): TreeNode[] => {
  const nodes: TreeNode[] = [];
  let from = start;
  while (from < end) {
    const size = end - from;
    const k = isPowerOfTwo(size) ? size : splitPoint(size);
    if (from % k !== 0) throw new RangeError(`range [${start}, ${end}) is not aligned to complete subtrees`);
    nodes.push({ level: Math.log2(k), index: from / k });
    from += k;
  }
  return nodes;
};

/** MTH of a range from the hashes of its `rangeNodes`, folded from the right as §2.1.1 nests them. */
export const foldRange = (hashes: readonly Uint8Array[]): Buffer => {
  if (hashes.length === 0) return EMPTY_TREE_HASH;
  let h: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i -= 1) h = nodeHash(hashes[i], h);
  return h;
};

/** RFC 9162 §2.1.3.1, PATH(m, D[n]): the ranges whose hashes make the audit path, leaf first. */
export const inclusionRanges = (leafIndex: number, treeSize: number): LeafRange[] => {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
  const path = (m: number, start: number, end: number): LeafRange[] => {
    const n = end - start;
    if (n <= 1) return [];
    const k = splitPoint(n);
    return m < k ? [...path(m, start, start + k), [start + k, end]] : [...path(m - k, start + k, end), [start, start + k]];
  };
  return path(leafIndex, 0, treeSize);
};

/** RFC 9162 §2.1.4.1, PROOF(m, D[n]) = SUBPROOF(m, D[n], true), as ranges. */
export const consistencyRanges = (first: number, second: number): LeafRange[] => {
  if (!(first >= 0 && first <= second)) throw new RangeError(`no consistency proof from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const sub = (m: number, start: number, end: number, whole: boolean): LeafRange[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [[start, end]];
    const k = splitPoint(n);
    return m <= k ? [...sub(m, start, start + k, whole), [start + k, end]] : [...sub(m - k, start + k, end, false), [start, start + k]];
  };
  return sub(first, 0, second, true);
};

/** Fetches the hashes of complete subtrees, in the order asked; a store answers them in one round trip. */
export type NodeReader = (nodes: readonly TreeNode[]) => Promise<readonly Uint8Array[]>;

/** The hashes of several ranges with one read of all the nodes they need. */
export const hashRanges = async (ranges: readonly LeafRange[], read: NodeReader): Promise<Buffer[]> => {
  const perRange = ranges.map(rangeNodes);
  const all = perRange.flat();
  const hashes = all.length ? await read(all) : [];
  let at = 0;
  return perRange.map((nodes) => {
    const part = hashes.slice(at, at + nodes.length);
    at += nodes.length;
    return foldRange(part);
  });
};

export const treeHead = async (treeSize: number, read: NodeReader): Promise<Buffer> =>
  treeSize === 0 ? EMPTY_TREE_HASH : (await hashRanges([[0, treeSize]], read))[0];

export const inclusionProof = (leafIndex: number, treeSize: number, read: NodeReader): Promise<Buffer[]> =>
  hashRanges(inclusionRanges(leafIndex, treeSize), read);

export const consistencyProof = (first: number, second: number, read: NodeReader): Promise<Buffer[]> =>
  hashRanges(consistencyRanges(first, second), read);

const odd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2: does `proof` show the leaf at `leafIndex` inside the tree of `treeSize` with `root`? */
export const verifyInclusion = (
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean => {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
};

/** RFC 9162 §2.1.4.2: does `proof` show that the tree of `second` leaves extends the one of `first`? */
export const verifyConsistency = (
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean => {
  if (first > second || first < 0) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
};

/**
 * The hashes an export of leaves [from, to) needs beside its own leaves to rebuild the root of the
 * tree of `treeSize`: every subtree of RFC 9162's split that lies wholly outside the range, in the
 * order a left-to-right walk of the tree meets them.
 */
export const rangeProofRanges = (from: number, to: number, treeSize: number): LeafRange[] => {
  if (!(from >= 0 && from <= to && to <= treeSize)) throw new RangeError(`no range [${from}, ${to}) in a tree of ${treeSize}`);
  const out: LeafRange[] = [];
  const walk = (start: number, end: number): void => {
    if (end <= from || start >= to) {
      out.push([start, end]);
    } else if (end - start > 1 && !(start >= from && end <= to)) {
      const k = splitPoint(end - start);
      walk(start, start + k);
      walk(start + k, end);
    }
  };
  if (treeSize > 0) walk(0, treeSize);
  return out;
};

/**
 * The root of the tree of `treeSize` from the leaf hashes of [from, to) (`leafAt(i)` for i in that
 * range) and the range proof of `rangeProofRanges`; throws when the proof has too few or too many hashes.
 */
export const rootFromRange = (
  from: number,
  to: number,
  treeSize: number,
  leafAt: (index: number) => Uint8Array,
  proof: readonly Uint8Array[],
): Buffer => {
  if (treeSize === 0) return EMPTY_TREE_HASH;
  let used = 0;
  const walk = (start: number, end: number): Buffer => {
    if (end <= from || start >= to) {
      if (used >= proof.length) throw new RangeError('the range proof is too short');
      return Buffer.from(proof[used++]);
    }
    if (end - start === 1) return Buffer.from(leafAt(start));
    const k = splitPoint(end - start);
    return nodeHash(walk(start, start + k), walk(start + k, end));
  };
  const root = walk(0, treeSize);
  if (used !== proof.length) throw new RangeError('the range proof is too long');
  return root;
};
