import { EMPTY_TREE_HASH, leafHash, nodeHash, rangeNodes, TreeNode } from './merkle';

export interface StoredNode extends TreeNode {
  hash: Buffer;
}

/**
 * Appends leaves and names every complete subtree each append completes, for a store to keep.
 * It holds only the right edge (one pending left sibling per level, at most log2(n) hashes), so it
 * resumes after a restart from the nodes of `rangeNodes([0, size))`, which are exactly that edge.
 */
export class TreeBuilder {
  private readonly pending = new Map<number, Buffer>();

  private constructor(private leaves: number) {}

  static empty(): TreeBuilder {
    return new TreeBuilder(0);
  }

  /** Resumes a tree of `size` leaves; `edge` are the hashes of `TreeBuilder.edgeOf(size)`, in order. */
  static resume(size: number, edge: readonly Uint8Array[]): TreeBuilder {
    const builder = new TreeBuilder(size);
    const nodes = TreeBuilder.edgeOf(size);
    if (nodes.length !== edge.length) throw new RangeError(`a tree of ${size} leaves has ${nodes.length} edge nodes, got ${edge.length}`);
    nodes.forEach((node, i) => builder.pending.set(node.level, Buffer.from(edge[i])));
    return builder;
  }

  static edgeOf(size: number): TreeNode[] {
    return size === 0 ? [] : rangeNodes([0, size]);
  }

  get size(): number {
    return this.leaves;
  }

  /** Adds the leaf of one entry (an event's 32-byte hash); answers the nodes it completes, its leaf first. */
  append(entry: Uint8Array): StoredNode[] {
    return this.appendLeafHash(leafHash(entry));
  }

  /** Adds a leaf whose hash is already SHA-256(0x00 ‖ entry). */
  appendLeafHash(leaf: Uint8Array): StoredNode[] {
    const completed: StoredNode[] = [];
    this.push(Buffer.from(leaf), completed);
    return completed;
  }

  /** Adds the leaf of one entry when only the root is wanted (a verification): names no nodes. */
  addEntry(entry: Uint8Array): void {
    this.push(leafHash(entry));
  }

  /** Adds a leaf hashed elsewhere (SHA-256(0x00 ‖ entry)) when only the root is wanted. */
  addLeafHash(leaf: Buffer): void {
    this.push(leaf);
  }

  /**
   * Adds a complete subtree of 2^level leaves by its hash, to a tree whose size is a multiple of
   * 2^level: a verification hashes aligned batches of leaves on other threads and hands over roots.
   */
  addSubtree(level: number, hash: Buffer): void {
    if (this.leaves % 2 ** level !== 0) throw new RangeError(`a subtree of 2^${level} leaves cannot follow ${this.leaves} leaves`);
    this.push(hash, undefined, level);
  }

  private push(node: Buffer, completed?: StoredNode[], nodeLevel = 0): void {
    let at = this.leaves / 2 ** nodeLevel;
    this.leaves += 2 ** nodeLevel;
    let hash = node;
    let level = nodeLevel;
    completed?.push({ level, index: at, hash });
    while (at % 2 === 1) {
      const left = this.pending.get(level);
      if (!left) throw new Error(`missing left sibling at level ${level}`);
      this.pending.delete(level);
      hash = nodeHash(left, hash);
      level += 1;
      at = (at - 1) / 2;
      completed?.push({ level, index: at, hash });
    }
    this.pending.set(level, hash);
  }

  /** The root of the tree as it stands: the right fold of the pending edge. */
  root(): Buffer {
    const edge = TreeBuilder.edgeOf(this.leaves);
    if (edge.length === 0) return EMPTY_TREE_HASH;
    let h = this.pending.get(edge[edge.length - 1].level)!;
    for (let i = edge.length - 2; i >= 0; i -= 1) h = nodeHash(this.pending.get(edge[i].level)!, h);
    return h;
  }
}
