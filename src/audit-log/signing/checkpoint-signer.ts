import { Inject, Injectable } from '@nestjs/common';
import { formatCheckpoint, NoteSigner, signNote, treeHead } from '@lotse/transparency';
import { AUDIT_SIGNER, MERKLE_TREE_STORE } from '../audit-log.tokens';
import { MerkleTreeStore, StoredCheckpoint } from '../tree/merkle-tree-store';

/** Signs the tree as it stands into a checkpoint note and keeps it; signing a size twice keeps the first. */
@Injectable()
export class CheckpointSigner {
  constructor(
    @Inject(MERKLE_TREE_STORE) private readonly tree: MerkleTreeStore,
    @Inject(AUDIT_SIGNER) private readonly signer: NoteSigner,
  ) {}

  get origin(): string {
    return this.signer.name;
  }

  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  /** A checkpoint of the tree's current size, unless the latest one already is. */
  async signCurrent(): Promise<StoredCheckpoint | undefined> {
    const [{ size }, latest] = await Promise.all([this.tree.state(), this.tree.latestCheckpoint()]);
    if (size === 0 || (latest && latest.treeSize >= size)) return latest;
    const rootHash = await treeHead(size, this.tree.readNodes);
    const note = signNote(formatCheckpoint({ origin: this.signer.name, treeSize: size, rootHash }), this.signer);
    await this.tree.saveCheckpoint(size, rootHash, note);
    return this.tree.checkpointOfSize(size);
  }
}
