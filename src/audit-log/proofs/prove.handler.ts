import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { SqlDriver } from '@lotse/event-store';
import { consistencyRanges, hashRanges, inclusionRanges, leafHash } from '@lotse/transparency';
import { AuthenticatedUser, assertSameMunicipality } from '../../auth';
import { AUDIT_SQL, MERKLE_TREE_STORE } from '../audit-log.tokens';
import { streamMunicipality } from '../stream-municipality';
import { requireTree } from '../require-tree';
import { MerkleTreeStore } from '../tree/merkle-tree-store';
import { ConsistencyProofResponse, InclusionProofResponse } from './proof.response';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Inclusion and consistency proofs from the stored complete subtrees: a few dozen lookups, whatever the log's length. */
@Injectable()
export class ProveHandler {
  constructor(
    @Inject(MERKLE_TREE_STORE) private readonly store: MerkleTreeStore | undefined,
    @Inject(AUDIT_SQL) private readonly driver: SqlDriver | undefined,
  ) {}

  /** An event belongs to the municipality of its stream; an auditor proves only her own municipality's. */
  async inclusion(user: AuthenticatedUser, eventId: string, treeSize?: number): Promise<InclusionProofResponse> {
    const tree = requireTree(this.store);
    const leaf = await tree.leafOfEvent(eventId);
    if (!leaf) throw new DomainError('not_found', `event ${eventId} is not in the tree (yet)`);
    // Independent lookups in one round of trips: a proof's latency is the number of trips.
    const [municipality, checkpoint, state] = await Promise.all([
      streamMunicipality(this.driver!, leaf.streamId),
      treeSize === undefined ? tree.latestCheckpoint() : undefined,
      tree.state(),
    ]);
    assertSameMunicipality(user, municipality ?? '');
    const size = treeSize ?? checkpoint?.treeSize;
    if (size === undefined) throw new DomainError('not_found', 'no checkpoint has been signed yet; name a treeSize');
    if (size > state.size) throw new DomainError('not_found', `the tree has ${state.size} leaves, not ${size}`);
    if (leaf.leafIndex >= size) throw new DomainError('not_found', `event ${eventId} is leaf ${leaf.leafIndex}, not in a tree of ${size}`);
    // The path and the root from one read of the nodes.
    const [root, ...proof] = await hashRanges([[0, size], ...inclusionRanges(leaf.leafIndex, size)], tree.readNodes);
    return {
      eventId,
      position: leaf.position,
      leafIndex: leaf.leafIndex,
      treeSize: size,
      eventHash: leaf.eventHash,
      leafHash: b64(leafHash(Buffer.from(leaf.eventHash, 'hex'))),
      proof: proof.map(b64),
      rootHash: b64(root),
    };
  }

  async consistency(from: number, to: number): Promise<ConsistencyProofResponse> {
    const tree = requireTree(this.store);
    if (from > to)
      throw new DomainError('validation_failed', 'from must not be larger than to', {
        errors: [{ field: 'from', message: 'from must be at most to' }],
      });
    await this.assertTreeHas(tree, to);
    const [fromRoot, toRoot, ...proof] = await hashRanges([[0, from], [0, to], ...consistencyRanges(from, to)], tree.readNodes);
    return { from, to, proof: proof.map(b64), fromRootHash: b64(fromRoot), toRootHash: b64(toRoot) };
  }

  private async assertTreeHas(tree: MerkleTreeStore, size: number): Promise<void> {
    const { size: current } = await tree.state();
    if (size > current) throw new DomainError('not_found', `the tree has ${current} leaves, not ${size}`);
  }
}
