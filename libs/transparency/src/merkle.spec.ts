import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  consistencyProof,
  EMPTY_TREE_HASH,
  hashRanges,
  inclusionProof,
  leafHash,
  NodeReader,
  rangeProofRanges,
  rootFromRange,
  treeHead,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import { TreeBuilder, StoredNode } from './tree-builder';
import { leafHashesInto, perfectSubtreeRoot } from './flat-leaves';

/**
 * RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 written down as literally as the RFC states them, on
 * whole lists of entries: the independent implementation the library is checked against.
 */
const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const MTH = (D: Buffer[]): Buffer => {
  if (D.length === 0) return H();
  if (D.length === 1) return H(Buffer.of(0), D[0]);
  return H(Buffer.of(1), MTH(D.slice(0, k(D.length))), MTH(D.slice(k(D.length))));
};
const PATH = (m: number, D: Buffer[]): Buffer[] => {
  const n = D.length;
  if (n === 1) return [];
  return m < k(n) ? [...PATH(m, D.slice(0, k(n))), MTH(D.slice(k(n)))] : [...PATH(m - k(n), D.slice(k(n))), MTH(D.slice(0, k(n)))];
};
const SUBPROOF = (m: number, D: Buffer[], b: boolean): Buffer[] => {
  const n = D.length;
  if (m === n) return b ? [] : [MTH(D)];
  return m <= k(n)
    ? [...SUBPROOF(m, D.slice(0, k(n)), b), MTH(D.slice(k(n)))]
    : [...SUBPROOF(m - k(n), D.slice(k(n)), false), MTH(D.slice(0, k(n)))];
};
const PROOF = (m: number, D: Buffer[]) => (m === 0 || m === D.length ? [] : SUBPROOF(m, D, true));

const entries = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => createHash('sha256').update(`event ${i}`).digest());

/** The library's side: the tree as a store would keep it, every completed node in a map. */
const storedTree = (D: Buffer[]) => {
  const builder = TreeBuilder.empty();
  const nodes = new Map<string, Buffer>();
  const keep = (n: StoredNode) => nodes.set(`${n.level}/${n.index}`, n.hash);
  for (const e of D) builder.append(e).forEach(keep);
  const read: NodeReader = async (wanted) =>
    wanted.map((w) => {
      const hash = nodes.get(`${w.level}/${w.index}`);
      if (!hash) throw new Error(`node ${w.level}/${w.index} was never completed`);
      return hash;
    });
  return { builder, read };
};

const flip = (b: Buffer, at = 0): Buffer => {
  const c = Buffer.from(b);
  c[at % c.length] ^= 0x01;
  return c;
};

describe('the RFC 9162 Merkle tree', () => {
  it('has the empty tree hash and the root of one leaf as the RFC defines them', async () => {
    expect(EMPTY_TREE_HASH.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const D = entries(1);
    expect(await treeHead(1, storedTree(D).read)).toEqual(MTH(D));
  });

  it('computes the same root as the recursive definition for every size, incrementally and from the stored nodes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), async (n) => {
        const D = entries(n);
        const { builder, read } = storedTree(D);
        expect(builder.root()).toEqual(MTH(D));
        for (const size of [1, Math.ceil(n / 2), n]) expect(await treeHead(size, read)).toEqual(MTH(D.slice(0, size)));
      }),
      { numRuns: 60 },
    );
  });

  it('answers the audit path PATH(m, D[n]) of the RFC, and it verifies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 200 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n }))),
        async ([n, m0, size]) => {
          const D = entries(n);
          const m = m0 % size;
          const { read } = storedTree(D);
          const proof = await inclusionProof(m, size, read);
          const part = D.slice(0, size);
          expect(proof).toEqual(PATH(m, part));
          const leaf = H(Buffer.of(0), D[m]);
          expect(verifyInclusion(m, size, leaf, proof, MTH(part))).toBe(true);
          if (proof.length > 0) expect(verifyInclusion(m, size, leaf, [flip(proof[0]), ...proof.slice(1)], MTH(part))).toBe(false);
          expect(verifyInclusion(m, size, flip(leaf), proof, MTH(part))).toBe(false);
          expect(verifyInclusion(m, size, leaf, proof, flip(MTH(part), 31))).toBe(false);
          if (size > 1) expect(verifyInclusion((m + 1) % size, size, leaf, proof, MTH(part))).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers the consistency proof PROOF(m, D[n]) of the RFC, and it verifies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }))),
        async ([n, m]) => {
          const D = entries(n);
          const { read } = storedTree(D);
          const proof = await consistencyProof(m, n, read);
          expect(proof).toEqual(PROOF(m, D));
          const [first, second] = [MTH(D.slice(0, m)), MTH(D)];
          expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
          expect(verifyConsistency(m, n, flip(first), second, proof)).toBe(false);
          expect(verifyConsistency(m, n, first, flip(second), proof)).toBe(false);
          proof.forEach((_, i) => {
            const bad = proof.map((p, j) => (j === i ? flip(p, i) : p));
            expect(verifyConsistency(m, n, first, second, bad)).toBe(false);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rebuilds the root from any range of leaves and its range proof, and not from a changed leaf', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 150 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))),
        async ([n, x, y]) => {
          const [from, to] = x <= y ? [x, y] : [y, x];
          const D = entries(n);
          const { read } = storedTree(D);
          const proof = await hashRanges(rangeProofRanges(from, to, n), read);
          const leafAt = (i: number) => H(Buffer.of(0), D[i]);
          expect(rootFromRange(from, to, n, leafAt, proof)).toEqual(MTH(D));
          if (to > from) expect(rootFromRange(from, to, n, (i) => (i === from ? flip(leafAt(i)) : leafAt(i)), proof)).not.toEqual(MTH(D));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a consistency proof of a tree that is not an extension', async () => {
    const D = entries(10);
    const other = [...D.slice(0, 3), createHash('sha256').update('forged').digest(), ...D.slice(4)];
    const proof = await consistencyProof(5, 10, storedTree(other).read);
    expect(verifyConsistency(5, 10, MTH(D.slice(0, 5)), MTH(other), proof)).toBe(false);
  });

  it('resumes from the stored right edge as if it had never stopped', () => {
    const D = entries(77);
    const whole = TreeBuilder.empty();
    const nodes = new Map<string, Buffer>();
    for (const e of D.slice(0, 45)) for (const n of whole.append(e)) nodes.set(`${n.level}/${n.index}`, n.hash);
    const resumed = TreeBuilder.resume(
      45,
      TreeBuilder.edgeOf(45).map((n) => nodes.get(`${n.level}/${n.index}`)!),
    );
    for (const e of D.slice(45)) {
      expect(resumed.append(e)).toEqual(whole.append(e));
    }
    expect(resumed.root()).toEqual(MTH(D));
  });

  it('gives the same root from aligned subtrees and leaf hashes as from the entries one by one', () => {
    const D = entries(1_000);
    const batch = (from: number, to: number) => {
      const part = TreeBuilder.empty();
      for (const e of D.slice(from, to)) part.addEntry(e);
      return part.root();
    };
    const pieced = TreeBuilder.empty();
    pieced.addSubtree(9, batch(0, 512));
    pieced.addSubtree(8, batch(512, 768));
    for (const e of D.slice(768, 800)) pieced.addLeafHash(leafHash(e));
    pieced.addSubtree(5, batch(800, 832));
    for (const e of D.slice(832)) pieced.addLeafHash(leafHash(e));
    expect(pieced.root()).toEqual(MTH(D));
    expect(() => pieced.addSubtree(4, batch(0, 16))).toThrow(RangeError);
  });
});

describe('flat leaves and perfect subtrees', () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => createHash('sha256').update(`event ${i}`).digest());

  it('hashes every entry into its leaf, in place or beside', () => {
    const list = entries(5);
    const flat = Buffer.concat(list);
    const beside = Buffer.alloc(flat.length);
    leafHashesInto(flat, beside);
    leafHashesInto(flat, flat);
    expect(beside).toEqual(Buffer.concat(list.map((e) => H(Buffer.of(0), e))));
    expect(flat).toEqual(beside);
  });

  it.each([1, 2, 8, 1024])('folds %i leaves to the MTH of their entries', (n) => {
    const list = entries(n);
    const leaves = Buffer.concat(list);
    leafHashesInto(leaves, leaves);
    expect(perfectSubtreeRoot(leaves)).toEqual(MTH(list));
  });

  it('refuses a count that is not a power of two, and ragged entries', () => {
    expect(() => perfectSubtreeRoot(Buffer.alloc(3 * 32))).toThrow(RangeError);
    expect(() => leafHashesInto(Buffer.alloc(33), Buffer.alloc(33))).toThrow(RangeError);
  });
});
