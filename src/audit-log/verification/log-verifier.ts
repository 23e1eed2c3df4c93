import { Inject, Injectable } from '@nestjs/common';
import { chainHash, copyOutOf, GENESIS_HASH, SqlDriver, verifyChain } from '@lotse/event-store';
import { HASH_BYTES, NoteSigner, openNote, parseVerifierKey, treeHead, TreeBuilder } from '@lotse/transparency';
import { AUDIT_SIGNER, AUDIT_SQL, MERKLE_TREE_STORE } from '../audit-log.tokens';
import { MerkleTreeStore, StoredCheckpoint } from '../tree/merkle-tree-store';
import { HashedBatch } from './batch-leaves';
import { ChainHashPool } from './chain-hash-pool';
import { copiedLog } from './copied-log';
import { ChainEnd, LoggedBatch } from './logged-batch';
import { queriedLog } from './queried-log';
import { RAW_COLUMNS, RawEvent, RawRow, toRawEvent } from './raw-events';
import { orderFailures, VerificationFailure, VerificationReport } from './verification-report';

/**
 * Rows per read of the full verification (see walkLogWithLeaves): a power of two, so that a batch
 * that starts at a multiple of it is one complete subtree, which a hashing thread folds to its root.
 */
const LOG_BATCH = 1_024;
const LOG_BATCH_LEVEL = Math.log2(LOG_BATCH);

/**
 * Checks the stored events against themselves (each stream's hash chain and recorded head) and
 * against the Merkle tree and its latest signed checkpoint, and says where the first fault is.
 */
@Injectable()
export class LogVerifier {
  constructor(
    @Inject(AUDIT_SQL) private readonly driver: SqlDriver,
    @Inject(MERKLE_TREE_STORE) private readonly tree: MerkleTreeStore,
    @Inject(AUDIT_SIGNER) private readonly signer: NoteSigner,
  ) {}

  /**
   * The whole log, in one pass in log order: chains, leaves, the signed root. Each event's hash is
   * recomputed from the stored content as read (no parse), its columns compared with that content,
   * and the root rebuilt from the stored hashes without keeping any node.
   */
  async verifyLog(): Promise<VerificationReport> {
    const [checkpoint, state] = await Promise.all([this.tree.latestCheckpoint(), this.tree.state()]);
    const failures: VerificationFailure[] = [];
    const chains = new Map<string, ChainEnd>();
    const builder = TreeBuilder.empty();
    let aligned = true;
    let index = 0;
    const rootFindings = (position: number) => {
      if (checkpoint && builder.size === checkpoint.treeSize && !builder.root().equals(checkpoint.rootHash)) {
        failures.push({
          reason: 'root_mismatch',
          position,
          leafIndex: builder.size - 1,
          detail: `the first ${checkpoint.treeSize} events no longer give the root of the signed checkpoint`,
        });
      }
    };
    const check = async ({ batch, hashed }: InFlight): Promise<void> => {
      const { chainOk, leafOk = batch.leafOk!, leaves, root } = await hashed;
      const events = batch.hash.length;
      for (let i = 0; i < events; i += 1) {
        if (aligned && index < state.size && leafOk[i] !== 1) {
          const [leaf] = await this.tree.leaves(index, index + 1);
          failures.push(await this.explainLeaf(loggedAt(batch, i), index, leaf));
          aligned = false;
        }
        if (batch.version[i] !== batch.previousVersion[i] + 1 || chainOk[i] !== 1) {
          linkFindings(loggedAt(batch, i), batch.previousVersion[i], chainOk[i] === 1, failures);
        }
        if (leaves) {
          builder.addLeafHash(Buffer.from(leaves.buffer, leaves.byteOffset + i * HASH_BYTES, HASH_BYTES));
          rootFindings(batch.position[i]);
        }
        index += 1;
      }
      if (root && events > 0) {
        // The batch ends at the checkpoint's size or before it (see readLimit), never past it.
        builder.addSubtree(LOG_BATCH_LEVEL, Buffer.from(root));
        rootFindings(batch.position[events - 1]);
      }
    };
    // Batches end at multiples of LOG_BATCH, and one at the checkpoint's size, where its root is compared.
    const readLimit = (read: number) => {
      const toBoundary = LOG_BATCH - (read % LOG_BATCH);
      return checkpoint && read < checkpoint.treeSize ? Math.min(toBoundary, checkpoint.treeSize - read) : toBoundary;
    };
    const copy = copyOutOf(this.driver);
    const log = copy ? copiedLog(copy, chains, readLimit, state.size) : queriedLog(this.driver, chains, readLimit);
    const pool = ChainHashPool.start();
    try {
      // Batches being hashed while the next rows are read: one per thread, and one more being read.
      const inFlight: InFlight[] = [];
      for await (const { batch, job, transfer } of log) {
        job.subtree = batch.hash.length === LOG_BATCH && batch.from % LOG_BATCH === 0;
        const hashed = pool.hash(job, transfer);
        // Awaited in order later; a pool that fails meanwhile must not count as an unhandled rejection.
        hashed.catch(() => undefined);
        inFlight.push({ batch, hashed });
        if (inFlight.length > pool.size) await check(inFlight.shift()!);
      }
      for (const batch of inFlight.splice(0)) await check(batch);
    } finally {
      await pool.close();
    }
    if (aligned && index < state.size) {
      const [leaf] = await this.tree.leaves(index, index + 1);
      failures.push({
        reason: 'missing_event',
        position: leaf?.position ?? null,
        leafIndex: index,
        detail: `the tree has ${state.size} leaves, the log ends after ${index} events`,
      });
    }
    if (checkpoint && builder.size < checkpoint.treeSize) {
      failures.push({
        reason: 'root_mismatch',
        position: null,
        detail: `the signed checkpoint covers ${checkpoint.treeSize} events, the log holds ${builder.size}`,
      });
    }
    failures.push(...(await this.headFindings(chains)), ...(await this.checkpointFindings(checkpoint, state.size)));
    return report('log', index, checkpoint, failures);
  }

  /** One stream: its chain and head, each event against its leaf, and the stored tree against the checkpoint. */
  async verifyStream(streamId: string): Promise<VerificationReport> {
    const rows = await this.driver.query<RawRow>(`select ${RAW_COLUMNS} from events e where e.stream_id = $1 order by e.stream_version`, [
      streamId,
    ]);
    const events = rows.map(toRawEvent);
    const [head] = await this.driver.query<{ version: string; last_hash: string }>(
      'select version::text, last_hash from streams where stream_id = $1',
      [streamId],
    );
    const byVersion = new Map(events.map((e) => [e.streamVersion, e]));
    const failures: VerificationFailure[] = verifyChain(
      streamId,
      events,
      head ? { version: Number(head.version), hash: head.last_hash } : undefined,
      (e, i) => events[i].content,
    ).map((b) => {
      const last = events[events.length - 1];
      const reason =
        b.reason !== 'head_mismatch' ? b.reason : last && last.streamVersion > b.streamVersion ? 'root_mismatch' : 'missing_event';
      // A gap has no event of its own: it shows at the next one the stream still has.
      const at =
        reason === 'root_mismatch' ? last : (byVersion.get(b.streamVersion) ?? events.find((e) => e.streamVersion > b.streamVersion));
      return { reason, position: at?.globalPosition ?? null, streamId, streamVersion: b.streamVersion, detail: b.detail };
    });
    // One finding per event: a content changed by hand mostly fails both checks.
    const mismatched = new Set(failures.filter((f) => f.reason === 'hash_mismatch').map((f) => f.position));
    for (const e of events) {
      if (e.columnsAgree || mismatched.has(e.globalPosition)) continue;
      failures.push({
        reason: 'hash_mismatch',
        position: e.globalPosition,
        streamId,
        streamVersion: e.streamVersion,
        detail: 'a column (event id, type, schema version or recorded at) is not what the hashed content says',
      });
    }
    const leaves = await this.driver.query<{ position: string; leaf_index: string; hash: string }>(
      `select global_position::text as position, leaf_index::text, encode(event_hash, 'hex') as hash
         from audit_leaves where global_position = any($1::bigint[])`,
      [events.map((e) => e.globalPosition)],
    );
    for (const leaf of leaves) {
      const e = events.find((x) => x.globalPosition === Number(leaf.position))!;
      if (leaf.hash !== e.hash) {
        failures.push({
          reason: 'hash_mismatch',
          position: e.globalPosition,
          leafIndex: Number(leaf.leaf_index),
          streamId,
          streamVersion: e.streamVersion,
          detail: 'the stored hash is not the one in the tree',
        });
      }
    }
    const [checkpoint, state] = await Promise.all([this.tree.latestCheckpoint(), this.tree.state()]);
    failures.push(...(await this.checkpointFindings(checkpoint, state.size)));
    return { ...report('stream', events.length, checkpoint, failures), streamId };
  }

  /** The latest checkpoint's signature and the stored tree against it; what the background check runs. */
  async verifyCheckpoint(): Promise<VerificationFailure[]> {
    const [checkpoint, state] = await Promise.all([this.tree.latestCheckpoint(), this.tree.state()]);
    return this.checkpointFindings(checkpoint, state.size);
  }

  /** Why event `e` is not what leaf `index` recorded. */
  private async explainLeaf(
    e: LoggedEvent,
    index: number,
    leaf: { position: number; eventHash: string } | undefined,
  ): Promise<VerificationFailure> {
    const at = { leafIndex: index, streamId: e.streamId, streamVersion: e.streamVersion };
    if (leaf && leaf.position === e.globalPosition) {
      const elsewhere = await this.tree.leafWithHash(e.hash);
      return elsewhere
        ? {
            reason: 'reordered',
            position: e.globalPosition,
            ...at,
            detail: `this event's content is the tree's leaf ${elsewhere.leafIndex}`,
          }
        : { reason: 'hash_mismatch', position: e.globalPosition, ...at, detail: 'the stored hash is not the one in the tree' };
    }
    if (leaf) {
      const [still] = await this.driver.query('select 1 from events where global_position = $1', [leaf.position]);
      if (!still) {
        return {
          reason: 'missing_event',
          position: leaf.position,
          leafIndex: index,
          detail: `the event at position ${leaf.position} (leaf ${index}) is gone`,
        };
      }
    }
    const inTree = await this.tree.leafAtPosition(e.globalPosition);
    if (inTree) {
      return {
        reason: 'reordered',
        position: e.globalPosition,
        ...at,
        detail: `the event at position ${e.globalPosition} stands at log place ${index}; the tree has it at leaf ${inTree.leafIndex}`,
      };
    }
    return {
      reason: 'root_mismatch',
      position: e.globalPosition,
      ...at,
      detail: `the event at position ${e.globalPosition} stands in the log but in no leaf of the tree: a row added behind the store's back`,
    };
  }

  /** Each stream's last event against the head the store recorded with its last append. */
  private async headFindings(chains: Map<string, ChainEnd>): Promise<VerificationFailure[]> {
    const findings: VerificationFailure[] = [];
    const heads = await this.driver.query<{ stream_id: string; version: string }>('select stream_id, version::text from streams');
    const seen = new Set<string>();
    for (const head of heads) {
      seen.add(head.stream_id);
      const end = chains.get(head.stream_id);
      const version = Number(head.version);
      if (!end || end.version < version) {
        findings.push({
          reason: 'missing_event',
          position: null,
          streamId: head.stream_id,
          streamVersion: version,
          detail: `the stream's head says version ${version}, its events end at ${end?.version ?? 'none'}`,
        });
      } else if (end.version > version) {
        findings.push({
          reason: 'root_mismatch',
          position: end.position,
          streamId: head.stream_id,
          streamVersion: end.version,
          detail: `the stream runs to version ${end.version} past its recorded head ${version}: a row added behind the store's back (every append moves the head)`,
        });
      }
    }
    for (const [streamId, end] of chains) {
      if (seen.has(streamId)) continue;
      findings.push({
        reason: 'root_mismatch',
        position: end.position,
        streamId,
        streamVersion: end.version,
        detail: "a stream the store never recorded a head for: rows added behind the store's back",
      });
    }
    return findings;
  }

  /** The checkpoint's signature, and the stored tree against the signed root. */
  private async checkpointFindings(checkpoint: StoredCheckpoint | undefined, treeSize: number): Promise<VerificationFailure[]> {
    if (!checkpoint) return [];
    try {
      openNote(checkpoint.note, parseVerifierKey(this.signer.verifierKey));
    } catch (error) {
      return [{ reason: 'root_mismatch', position: null, detail: `the latest checkpoint does not verify: ${(error as Error).message}` }];
    }
    if (treeSize < checkpoint.treeSize) {
      return [
        {
          reason: 'root_mismatch',
          position: null,
          detail: `the stored tree has ${treeSize} leaves, fewer than the signed ${checkpoint.treeSize}`,
        },
      ];
    }
    const root = await treeHead(checkpoint.treeSize, this.tree.readNodes).catch(() => undefined);
    return root?.equals(checkpoint.rootHash)
      ? []
      : [{ reason: 'root_mismatch', position: null, detail: 'the stored tree does not give the root of the signed checkpoint' }];
  }
}

/** Where an event stands and the hash it carries: what the checks compare, without its content. */
type LoggedEvent = Pick<RawEvent, 'streamId' | 'streamVersion' | 'globalPosition' | 'hash'>;

const loggedAt = (batch: LoggedBatch, i: number): LoggedEvent => ({
  streamId: batch.streamId[i],
  streamVersion: batch.version[i],
  globalPosition: batch.position[i],
  hash: batch.hash[i],
});

/** A batch of the log whose hashes a thread is recomputing. */
interface InFlight {
  batch: LoggedBatch;
  hashed: Promise<HashedBatch>;
}

type Link = { version: number; hash: string };

/** Version order and hash of one event after the previous one of its stream, and its columns against its content. */
export const chainFindings = (e: RawEvent, previous: Link | undefined): VerificationFailure[] => {
  const findings: VerificationFailure[] = [];
  const recomputed = chainHash(previous?.hash ?? GENESIS_HASH, e.content);
  linkFindings(e, previous?.version ?? -1, recomputed === e.hash && e.columnsAgree, findings);
  return findings;
};

/**
 * Adds to `findings` what is wrong with the link to `e` from its stream's event before it (version
 * `previousVersion`, -1 for none); `hashOk`: whether its content gives its stored hash.
 */
const linkFindings = (e: LoggedEvent, previousVersion: number, hashOk: boolean, findings: VerificationFailure[]): void => {
  const expected = previousVersion + 1;
  if (e.streamVersion !== expected) {
    findings.push({ reason: 'version_gap', ...at(e), detail: `expected version ${expected}, found ${e.streamVersion}` });
  }
  if (!hashOk) {
    findings.push({
      reason: 'hash_mismatch',
      ...at(e),
      detail: "the event's content does not give its stored hash, or a column is not what the content says",
    });
  }
};

const at = (e: LoggedEvent) => ({ position: e.globalPosition, streamId: e.streamId, streamVersion: e.streamVersion });

const report = (
  scope: 'log' | 'stream',
  checkedEvents: number,
  checkpoint: StoredCheckpoint | undefined,
  failures: VerificationFailure[],
): VerificationReport => {
  const ordered = orderFailures(failures);
  return {
    intact: ordered.length === 0,
    scope,
    checkedEvents,
    checkpoint: checkpoint ? { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash.toString('base64') } : null,
    firstFailure: ordered[0] ?? null,
    failures: ordered,
    verifiedAt: new Date().toISOString(),
  };
};
