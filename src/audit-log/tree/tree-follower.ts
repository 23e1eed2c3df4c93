import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { HashLog } from '@lotse/event-store';
import { batches, LeaderElection } from '@lotse/projections';
import { StoredNode, TreeBuilder } from '@lotse/transparency';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { Leaf, MerkleTreeStore } from './merkle-tree-store';

export interface TreeFollowerOptions {
  checkpointEvents: number;
  checkpointSeconds: number;
  batchSize?: number;
  /** Who follows: one process across the cluster and every instance (the follower closes it when it stops). */
  election: LeaderElection;
  /** How often a follower that does not lead asks again, and the pause after a failure. */
  retryMs?: number;
}

const RETRY_MS = 1_000;
/** The lead's name beside the projections' names. */
export const TREE_LEAD = 'audit-tree';

/**
 * Follows the log like a projection and adds each event's stored hash as the next leaf, with the
 * subtrees it completes, in one transaction per batch. It signs a checkpoint after
 * `checkpointEvents` new leaves or `checkpointSeconds` after the last one. It follows only while it
 * holds the lead (as a projection does), so that of all the processes that start it one reads the
 * log and the others wait to take over; should two ever overlap, the store still takes a batch only
 * at the size it was built on, and the other resynchronises.
 */
export class TreeFollower {
  private readonly logger = new Logger('AuditLog');
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private signedSize = 0;
  private size = 0;
  private signing = Promise.resolve();
  /** Held the lead at the last look: its gain is logged once, not at every resynchronisation. */
  private led = false;

  constructor(
    private readonly log: HashLog,
    private readonly tree: MerkleTreeStore,
    private readonly signer: CheckpointSigner,
    private readonly options: TreeFollowerOptions,
  ) {}

  start(): void {
    this.loop = this.run();
    this.timer = setInterval(() => {
      if (this.size > this.signedSize && this.options.election.holds(TREE_LEAD)) void this.sign();
    }, this.options.checkpointSeconds * 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    clearInterval(this.timer);
    await this.loop;
    await this.signing;
    await this.options.election.close();
  }

  /** Whether this follower holds the lead, so that it is the one that follows the log. */
  get leading(): boolean {
    return this.options.election.holds(TREE_LEAD);
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const { election } = this.options;
    while (!signal.aborted) {
      try {
        const leads = await election.tryAcquire(TREE_LEAD);
        if (leads && !this.led) this.logger.log('leading: this process follows the log into the audit tree');
        this.led = leads;
        if (leads) await this.follow(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.logger.warn(`the audit tree stopped following the log, retrying: ${(error as Error).message}`);
      }
      // Aborted, the pause ends at once.
      await sleep(this.options.retryMs ?? RETRY_MS, undefined, { signal }).catch(() => undefined);
    }
    await election.release(TREE_LEAD).catch(() => undefined);
  }

  /** One run from the stored state; returns when another process moved the tree (to resynchronise) or the lead was lost. */
  private async follow(signal: AbortSignal): Promise<void> {
    const state = await this.tree.state();
    const edge = await this.tree.readNodes(TreeBuilder.edgeOf(state.size));
    const builder = TreeBuilder.resume(state.size, edge);
    this.size = state.size;
    this.signedSize = (await this.tree.latestCheckpoint())?.treeSize ?? 0;
    const subscription = this.log.subscribeHashes({ fromPosition: state.lastPosition, signal, batchSize: this.options.batchSize });
    for await (const batch of batches(subscription, this.options.batchSize ?? 1_000, 20)) {
      if (!this.options.election.holds(TREE_LEAD)) return;
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
