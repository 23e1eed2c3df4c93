import { applySchema, SqlDriver } from '@lotse/event-store';
import { leafHash, NodeReader, StoredNode, TreeNode } from '@lotse/transparency';

/** One leaf: its place in the tree, the event's place in the log, and the event's stored chain hash (hex). */
export interface Leaf {
  leafIndex: number;
  position: number;
  eventHash: string;
}

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  /** The whole signed note, as served and as an auditor saves it. */
  note: string;
  signedAt: string;
}

export interface TreeState {
  size: number;
  /** Global position of the last leaf's event; 0 for the empty tree. */
  lastPosition: number;
}

/** Serialises writers of the tree across processes; the size check in `append` is the safety net. */
const TREE_LOCK = 4_711_2027;

/**
 * The Merkle tree beside the events, in the same SQL database (PGlite or PostgreSQL, one SQL):
 * the leaves in log order (leaf index ↔ global position ↔ event hash), every complete subtree above
 * them (level ≥ 1; level 0 is the leaf itself), and the signed checkpoints. Leaves and nodes can be
 * rebuilt from the log; the checkpoints cannot and are never deleted: they are what the log is
 * checked against. Hashes travel as hex text, which both drivers pass the same way.
 */
export class MerkleTreeStore {
  constructor(private readonly driver: SqlDriver) {}

  async init(): Promise<void> {
    await applySchema(
      this.driver,
      `
      create table if not exists audit_leaves (
        leaf_index      bigint primary key,
        global_position bigint not null unique,
        event_hash      bytea not null
      );
      create table if not exists audit_nodes (
        level smallint not null,
        idx   bigint not null,
        hash  bytea not null,
        primary key (level, idx)
      );
      create table if not exists audit_tree_state (
        id            integer primary key check (id = 1),
        size          bigint not null,
        last_position bigint not null
      );
      insert into audit_tree_state (id, size, last_position) values (1, 0, 0) on conflict (id) do nothing;
      create table if not exists audit_checkpoints (
        tree_size bigint primary key,
        root_hash bytea not null,
        note      text not null,
        signed_at timestamptz not null default now()
      );`,
    );
  }

  async state(): Promise<TreeState> {
    const [row] = await this.driver.query<{ size: string; last_position: string }>(
      'select size::text, last_position::text from audit_tree_state where id = 1',
    );
    return { size: Number(row.size), lastPosition: Number(row.last_position) };
  }

  /**
   * Adds leaves and the subtrees they complete in one transaction, if the tree still has
   * `expectedSize` leaves; false when another process got there first.
   */
  async append(expectedSize: number, leaves: readonly Leaf[], nodes: readonly StoredNode[]): Promise<boolean> {
    if (leaves.length === 0) return true;
    return this.driver.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [TREE_LOCK]);
      const [row] = await tx.query<{ size: string }>('select size::text from audit_tree_state where id = 1');
      if (Number(row.size) !== expectedSize) return false;
      await tx.query(
        `insert into audit_leaves (leaf_index, global_position, event_hash)
           select i, p, decode(h, 'hex') from unnest($1::bigint[], $2::bigint[], $3::text[]) as t(i, p, h)`,
        [leaves.map((l) => l.leafIndex), leaves.map((l) => l.position), leaves.map((l) => l.eventHash)],
      );
      const inner = nodes.filter((n) => n.level > 0);
      if (inner.length > 0) {
        await tx.query(
          `insert into audit_nodes (level, idx, hash)
             select l, i, decode(h, 'hex') from unnest($1::smallint[], $2::bigint[], $3::text[]) as t(l, i, h)`,
          [inner.map((n) => n.level), inner.map((n) => n.index), inner.map((n) => n.hash.toString('hex'))],
        );
      }
      const last = leaves[leaves.length - 1];
      await tx.query('update audit_tree_state set size = $1, last_position = $2 where id = 1', [last.leafIndex + 1, last.position]);
      return true;
    });
  }

  /**
   * Complete subtree hashes in the order asked: level 0 from the leaves, the rest from the nodes,
   * in one statement (one round trip: a proof is a handful of rows, and its latency is the trips).
   */
  readonly readNodes: NodeReader = async (wanted: readonly TreeNode[]) => {
    if (wanted.length === 0) return [];
    const rows = await this.driver.query<{ level: number; idx: string; hash: string }>(
      `select 0 as level, l.leaf_index::text as idx, encode(l.event_hash, 'hex') as hash
         from audit_leaves l where l.leaf_index = any($1::bigint[])
       union all
       select n.level, n.idx::text, encode(n.hash, 'hex') from audit_nodes n
         join unnest($2::smallint[], $3::bigint[]) as w(l, i) on n.level = w.l and n.idx = w.i`,
      [
        wanted.filter((n) => n.level === 0).map((n) => n.index),
        wanted.filter((n) => n.level > 0).map((n) => n.level),
        wanted.filter((n) => n.level > 0).map((n) => n.index),
      ],
    );
    const found = new Map<string, Buffer>();
    for (const r of rows) {
      const hash = Buffer.from(r.hash, 'hex');
      found.set(`${r.level}/${r.idx}`, Number(r.level) === 0 ? leafHash(hash) : hash);
    }
    return wanted.map((n) => {
      const hash = found.get(`${n.level}/${n.index}`);
      if (!hash) throw new Error(`the tree has no node ${n.level}/${n.index}`);
      return hash;
    });
  };

  async leafOfEvent(eventId: string): Promise<(Leaf & { streamId: string }) | undefined> {
    const [row] = await this.driver.query<{ leaf_index: string; position: string; hash: string; stream_id: string }>(
      `select l.leaf_index::text, l.global_position::text as position, encode(l.event_hash, 'hex') as hash, e.stream_id
         from events e join audit_leaves l on l.global_position = e.global_position
        where e.event_id = $1::uuid`,
      [eventId],
    );
    return row && { leafIndex: Number(row.leaf_index), position: Number(row.position), eventHash: row.hash, streamId: row.stream_id };
  }

  async leafAtPosition(position: number): Promise<Leaf | undefined> {
    const [row] = await this.driver.query<{ leaf_index: string; hash: string }>(
      "select leaf_index::text, encode(event_hash, 'hex') as hash from audit_leaves where global_position = $1",
      [position],
    );
    return row && { leafIndex: Number(row.leaf_index), position, eventHash: row.hash };
  }

  /** Leaves [from, to) in order. */
  async leaves(from: number, to: number): Promise<Leaf[]> {
    const rows = await this.driver.query<{ leaf_index: string; position: string; hash: string }>(
      `select leaf_index::text, global_position::text as position, encode(event_hash, 'hex') as hash
         from audit_leaves where leaf_index >= $1 and leaf_index < $2 order by audit_leaves.leaf_index`,
      [from, to],
    );
    return rows.map((r) => ({ leafIndex: Number(r.leaf_index), position: Number(r.position), eventHash: r.hash }));
  }

  /** Whether some leaf carries this event hash, and where: used only to explain a failed check. */
  async leafWithHash(eventHash: string): Promise<Leaf | undefined> {
    const [row] = await this.driver.query<{ leaf_index: string; position: string }>(
      "select leaf_index::text, global_position::text as position from audit_leaves where event_hash = decode($1, 'hex') limit 1",
      [eventHash],
    );
    return row && { leafIndex: Number(row.leaf_index), position: Number(row.position), eventHash };
  }

  async saveCheckpoint(treeSize: number, rootHash: Buffer, note: string): Promise<void> {
    await this.driver.query(
      "insert into audit_checkpoints (tree_size, root_hash, note) values ($1, decode($2, 'hex'), $3) on conflict (tree_size) do nothing",
      [treeSize, rootHash.toString('hex'), note],
    );
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return this.checkpointWhere('tree_size = (select max(tree_size) from audit_checkpoints)', []);
  }

  async checkpointOfSize(treeSize: number): Promise<StoredCheckpoint | undefined> {
    return this.checkpointWhere('tree_size = $1', [treeSize]);
  }

  private async checkpointWhere(where: string, params: unknown[]): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.driver.query<{ tree_size: string; root: string; note: string; signed_at: string }>(
      `select tree_size::text, encode(root_hash, 'hex') as root, note,
              to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as signed_at
         from audit_checkpoints where ${where}`,
      params,
    );
    return row && { treeSize: Number(row.tree_size), rootHash: Buffer.from(row.root, 'hex'), note: row.note, signedAt: row.signed_at };
  }

  /** Forgets leaves and nodes (not the checkpoints), for a rebuild from the log. */
  async clearTree(): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [TREE_LOCK]);
      await tx.exec('truncate audit_leaves, audit_nodes; update audit_tree_state set size = 0, last_position = 0 where id = 1');
    });
  }
}
