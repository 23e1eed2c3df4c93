import { randomUUID } from 'node:crypto';
import { SqlEventStore } from '@lotse/event-store';
import { anEvent } from '@lotse/event-store/testing/event-store.contract';
import { InProcessLeaderElection } from '@lotse/projections';
import { pgliteEvents } from '@lotse/projections/testing/pglite-events';
import { generateSignerKey, parseSignerKey } from '@lotse/transparency';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { treeReaches } from '../testing';
import { MerkleTreeStore } from './merkle-tree-store';
import { TreeFollower } from './tree-follower';

const until = async (condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> => {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
};

describe('TreeFollower: one follower of the log into the audit tree among all that are started', () => {
  const events = pgliteEvents('memory://tree-follower');
  let store: SqlEventStore;
  let tree: MerkleTreeStore;
  let followers: TreeFollower[];

  /** A follower as one process of a cluster starts it: its own election on the shared database. */
  const follower = (namespace: string) =>
    new TreeFollower(store, tree, new CheckpointSigner(tree, parseSignerKey(generateSignerKey('lotse.invalid/test-log'))), {
      checkpointEvents: 3,
      checkpointSeconds: 60,
      election: new InProcessLeaderElection(namespace),
      retryMs: 20,
    });
  const append = async (count: number) => {
    let position = 0;
    for (let n = 0; n < count; n += 1) {
      position = (await store.append(`pathway-${randomUUID()}`, [anEvent()], { expectedVersion: 'no_stream' })).position;
    }
    return position;
  };

  beforeEach(async () => {
    const opened = await events();
    store = opened.store;
    tree = new MerkleTreeStore(opened.driver);
    await tree.init();
    followers = [];
  });
  afterEach(async () => {
    await Promise.all(followers.map((f) => f.stop()));
  });

  it('reads the log in one of them only, and the tree gets every event and signed checkpoints', async () => {
    const reads = jest.spyOn(store, 'subscribeHashes');
    const namespace = randomUUID();
    followers = [follower(namespace), follower(namespace)];
    followers.forEach((f) => f.start());
    const last = await append(7);

    expect(await treeReaches(tree, last)).toBe(true);
    expect(followers.filter((f) => f.leading)).toHaveLength(1);
    expect(reads).toHaveBeenCalledTimes(1);
    expect((await tree.state()).size).toBe(7);
    await until(async () => ((await tree.latestCheckpoint())?.treeSize ?? 0) >= 3);
  });

  it('is taken over by another when the leader stops, from where the tree stands', async () => {
    const namespace = randomUUID();
    followers = [follower(namespace), follower(namespace)];
    followers.forEach((f) => f.start());
    expect(await treeReaches(tree, await append(2))).toBe(true);
    const leader = followers.find((f) => f.leading)!;
    const other = followers.find((f) => f !== leader)!;

    await leader.stop();
    const last = await append(4);

    expect(await treeReaches(tree, last)).toBe(true);
    expect(other.leading).toBe(true);
    expect(await tree.leaves(0, 10)).toHaveLength(6);
    await until(async () => ((await tree.latestCheckpoint())?.treeSize ?? 0) >= 3);
  });

  it('still gives each event one leaf, in order, should two lead at once (elections that do not meet)', async () => {
    followers = [follower(randomUUID()), follower(randomUUID())];
    followers.forEach((f) => f.start());
    const last = await append(12);

    expect(await treeReaches(tree, last)).toBe(true);
    const leaves = await tree.leaves(0, 20);
    expect(leaves.map((l) => l.leafIndex)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(new Set(leaves.map((l) => l.position)).size).toBe(12);
  });
});
