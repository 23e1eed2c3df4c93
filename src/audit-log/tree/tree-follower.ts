import { Logger } from '@nestjs/common';
import { EventStore } from '@lotse/event-store';
import { batches } from '@lotse/projections';
import { StoredNode, TreeBuilder } from '@lotse/transparency';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { Leaf, MerkleTreeStore } from './merkle-tree-store';

export interface TreeFollowerOptions {
  checkpointEvents: number;
  checkpointSeconds: number;
  batchSize?: number;
}

const RETRY_MS = 1_000;

/**
 * Follows the log like a projection and adds each event's stored hash as the next leaf, with the
 * subtrees it completes, in one transaction per batch. It signs a checkpoint after
 * `checkpointEvents` new leaves or `checkpointSeconds` after the last one. Several processes may
 * run it: the store takes a batch only at the size it was built on, so the others resynchronise.
 */
export class TreeFollower {
  private readonly logger = new Logger('AuditLog');
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private signedSize = 0;
  private size = 0;
  private signing = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly tree: MerkleTreeStore,
    private readonly signer: CheckpointSigner,
    private readonly options: TreeFollowerOptions,
  ) {}

  start(): void {
    this.loop = this.run();
    this.timer = setInterval(() => {
      if (this.size > this.signedSize) void this.sign();
    }, this.options.checkpointSeconds * 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    clearInterval(this.timer);
    await this.loop;
    await this.signing;
  }

  /** Resolves once the tree holds at least `size` leaves (tests and the export use it). */
  async caughtUpTo(position: number, timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const leaf = await this.tree.leafAtPosition(position);
      if (leaf) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.follow(signal);
      } catch (error) {
        if (signal.aborted) return;
        this.logger.warn(`the audit tree stopped following the log, retrying: ${(error as Error).message}`);
      }
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  /** One run from the stored state; returns when another process moved the tree (to resynchronise). */
  private async follow(signal: AbortSignal): Promise<void> {
    const state = await this.tree.state();
    const edge = await this.tree.readNodes(TreeBuilder.edgeOf(state.size));
    const builder = TreeBuilder.resume(state.size, edge);
    this.size = state.size;
    this.signedSize = (await this.tree.latestCheckpoint())?.treeSize ?? 0;
    const subscription = this.store.subscribeAll({ fromPosition: state.lastPosition, signal, batchSize: this.options.batchSize });
    for await (const batch of batches(subscription, this.options.batchSize ?? 1_000, 20)) {
      const before = builder.size;
      const leaves: Leaf[] = [];
      const nodes: StoredNode[] = [];
      for (const e of batch) {
        leaves.push({ leafIndex: builder.size, position: e.globalPosition, eventHash: e.hash });
        nodes.push(...builder.append(Buffer.from(e.hash, 'hex')));
      }
      if (!(await this.tree.append(before, leaves, nodes))) return;
      this.size = builder.size;
      if (this.size - this.signedSize >= this.options.checkpointEvents) await this.sign();
    }
  }

  private sign(): Promise<void> {
    this.signing = this.signing
      .then(async () => {
        const checkpoint = await this.signer.signCurrent();
        this.signedSize = Math.max(this.signedSize, checkpoint?.treeSize ?? 0);
      })
      .catch((error) => this.logger.warn(`could not sign a checkpoint: ${(error as Error).message}`));
    return this.signing;
  }
}
