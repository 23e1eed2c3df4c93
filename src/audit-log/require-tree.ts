import { DomainError } from '@lotse/domain';
import { MerkleTreeStore } from './tree/merkle-tree-store';

/**
 * The verifiable log needs the events in SQL (PGlite or PostgreSQL), where the tree lives beside
 * them. Beside KurrentDB it is not available and its routes say so with 503.
 */
export const requireTree = (tree: MerkleTreeStore | undefined): MerkleTreeStore => {
  if (!tree) throw new DomainError('store_unavailable', 'the verifiable audit log needs the events in PostgreSQL or PGlite');
  return tree;
};
