import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@lotse/domain';
import { MERKLE_TREE_STORE } from '../audit-log.tokens';
import { requireTree } from '../require-tree';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { MerkleTreeStore } from '../tree/merkle-tree-store';
import { checkpointResponse, CheckpointResponse } from './checkpoint.response';

/** The latest signed checkpoint, or the one of a given size. */
@Injectable()
export class GetCheckpointHandler {
  constructor(
    @Inject(MERKLE_TREE_STORE) private readonly tree: MerkleTreeStore | undefined,
    private readonly signer: CheckpointSigner,
  ) {}

  async latest(): Promise<CheckpointResponse> {
    const found = await requireTree(this.tree).latestCheckpoint();
    if (!found) throw new DomainError('not_found', 'no checkpoint has been signed yet');
    return checkpointResponse(this.signer.origin, found);
  }

  async ofSize(treeSize: number): Promise<CheckpointResponse> {
    const found = await requireTree(this.tree).checkpointOfSize(treeSize);
    if (!found) throw new DomainError('not_found', `no checkpoint was signed at tree size ${treeSize}`);
    return checkpointResponse(this.signer.origin, found);
  }
}
