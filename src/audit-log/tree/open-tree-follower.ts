import { EventStore, hasHashLog, SqlDriver } from '@lotse/event-store';
import type { AppConfig } from '../../config/config-variables';
import { CheckpointSigner } from '../signing/checkpoint-signer';
import { loadSigningKey } from '../signing/signing-key';
import { MerkleTreeStore } from './merkle-tree-store';
import { TreeFollower } from './tree-follower';
import { treeLeaderElection } from './tree-leader-election';

type TreeConfig = Pick<AppConfig, 'EVENT_STORE_URL' | 'AUDIT_CHECKPOINT_EVENTS' | 'AUDIT_CHECKPOINT_SECONDS'>;

/** The follower of this configuration's tree; none where there is no tree (the events in KurrentDB). */
export const createTreeFollower = (
  config: TreeConfig,
  store: EventStore,
  tree: MerkleTreeStore | undefined,
  signer: CheckpointSigner,
): TreeFollower | undefined => {
  const election = treeLeaderElection(config.EVENT_STORE_URL);
  if (!tree || !election || !hasHashLog(store)) return undefined;
  return new TreeFollower(store, tree, signer, {
    checkpointEvents: config.AUDIT_CHECKPOINT_EVENTS,
    checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS,
    election,
  });
};

/**
 * The follower outside the Nest application (the projection thread): its tree on `eventsSql`, the
 * event store's own SQL database, and the signing key as the HTTP processes load it.
 */
export const openTreeFollower = async (
  config: TreeConfig & Pick<AppConfig, 'LOTSE_SIGNING_KEY' | 'DATA_DIR'>,
  store: EventStore,
  eventsSql: SqlDriver | undefined,
): Promise<TreeFollower | undefined> => {
  if (config.EVENT_STORE_URL.engine === 'kurrentdb' || !eventsSql) return undefined;
  const tree = new MerkleTreeStore(eventsSql);
  await tree.init();
  const signer = new CheckpointSigner(tree, loadSigningKey(config.LOTSE_SIGNING_KEY, config.DATA_DIR));
  return createTreeFollower(config, store, tree, signer);
};
