import type { MerkleTreeStore } from '../tree/merkle-tree-store';

/**
 * Resolves true once the stored tree holds the event at `position`, false after `timeoutMs`: the
 * tests' wait for the follower, which may run in any process (it reads the tree, not the follower).
 */
export const treeReaches = async (tree: MerkleTreeStore, position: number, timeoutMs = 5_000): Promise<boolean> => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (await tree.leafAtPosition(position)) return true;
  }
  return false;
};
