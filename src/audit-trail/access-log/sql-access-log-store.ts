import type { SqlDriver, SqlTransaction } from '@lotse/event-store';
import { applySchema, chainHash, GENESIS_HASH } from '@lotse/event-store';
import { AccessChainHead, AccessEntry, AccessRecord } from './access-entry';
import { accessEntryJson } from './access-entry-json';
import { AccessLogStore, AccessQuery, Purged } from './access-log-store';
import { NARROW_ROWS } from './narrow-rows.migration';

/**
 * A row per entry, kept narrow: the entry's JSON once (its people, municipalities and the rest
 * are read from it), the two hashes as 32 raw bytes each, and three indexes besides the key: the people read (GIN on
 * the entry's participantIds), the actor (with seq, so her newest reads come in order) and the time (BRIN: entries
 * arrive in time order, so a summary per range of blocks serves a range query and the purge at almost no cost per
 * insert; autosummarize has autovacuum summarise each range once full, where a range not yet summarised is read whole).
 */
const SCHEMA = `
create table if not exists access_log (
  seq           bigserial primary key,
  at            timestamptz not null,
  sub           text not null,
  entry         jsonb not null,
  previous_hash bytea not null,
  hash          bytea not null
);
${NARROW_ROWS}
create index if not exists access_log_at_range on access_log using brin (at) with (autosummarize = on);
create index if not exists access_log_sub on access_log (sub, seq);
create index if not exists access_log_participants on access_log using gin ((entry->'participantIds') jsonb_path_ops);
create table if not exists access_log_head (
  id   integer primary key check (id = 1),
  seq  bigint not null,
  hash text not null
);
`;

/**
 * Serialises the purge with the appends. An append takes it too, before the head row: an instance of an earlier
 * version, which chained under this lock alone, then still waits for a newer one and never forks the chain.
 */
const APPEND_LOCK = 7_406_021_514;

/**
 * The head row exists from the start, so an append only ever updates it (under its row lock) and never races to
 * create it. A log written before the head row was seeded goes on from its last entry.
 */
const SEED_HEAD = `
insert into access_log_head (id, seq, hash)
select 1, coalesce(max(seq), 0), coalesce((select encode(hash, 'hex') from access_log order by seq desc limit 1), '${GENESIS_HASH}') from access_log
on conflict (id) do nothing
`;

/**
 * A batch in one statement, so one round trip and one commit: the entries arrive already chained on the head the
 * writer last knew ($1), as one JSON array ($2) of `{ entry, previousHash, hash }`. The head row is locked first;
 * if its hash is no longer $1 (another instance appended meanwhile), nothing is written and the statement answers
 * the head as it is now, on which the writer chains the batch again. Locked `for update`, the row is read as the
 * last commit left it, even when that commit came after this statement began. The text never changes, so each
 * connection plans it once.
 */
const APPEND_BATCH = `
with locked as materialized (
  select pg_advisory_xact_lock(${APPEND_LOCK})
),
head as materialized (
  select hash from access_log_head where id = 1 and (select count(*) from locked) = 1 for update
),
inserted as (
  insert into access_log (at, sub, entry, previous_hash, hash)
  select (r.item->'entry'->>'at')::timestamptz, r.item->'entry'->>'sub', r.item->'entry',
         decode(r.item->>'previousHash', 'hex'), decode(r.item->>'hash', 'hex')
  from jsonb_array_elements($2::jsonb) with ordinality as r(item, n)
  where (select hash from head) = $1
  order by r.n
  returning seq
),
moved as (
  update access_log_head set seq = (select max(seq) from inserted), hash = $3
  where id = 1 and exists (select 1 from inserted)
)
select (select count(*) from inserted)::int as written, (select hash from head) as head
`;

/** The columns of a record, the hashes as the hex the chain is written in. */
const RECORD = "seq, entry, encode(previous_hash, 'hex') as previous_hash, encode(hash, 'hex') as hash";
const ALL_RECORDS = `select ${RECORD} from access_log order by seq`;

/** Two instances appending at once each find the other's batch at most once per batch of theirs; more means something is wrong. */
const MAX_ATTEMPTS = 20;

interface Row {
  seq: string | number;
  entry: AccessEntry;
  previous_hash: string;
  hash: string;
}

const recordOf = (row: Row): AccessRecord => ({ ...row.entry, seq: Number(row.seq), previousHash: row.previous_hash, hash: row.hash });

/**
 * The batch chained on `head`: each entry's link and hash, ready for APPEND_BATCH. The JSON is put together from the
 * entry's canonical text, which the hash is taken of anyway, rather than serialised a second time; the hashes are
 * hex, which needs no escaping.
 */
const chainOn = (head: string, entries: readonly AccessEntry[]): { rows: string; last: string } => {
  let previousHash = head;
  let rows = '[';
  for (let i = 0; i < entries.length; i += 1) {
    const entry = accessEntryJson(entries[i]);
    const hash = chainHash(previousHash, entry);
    rows += `${i ? ',' : ''}{"entry":${entry},"previousHash":"${previousHash}","hash":"${hash}"}`;
    previousHash = hash;
  }
  return { rows: `${rows}]`, last: previousHash };
};

/** The WHERE clause of a query and its parameters: by person, actor and time each served by an index. */
export const accessFilter = (query: Omit<AccessQuery, 'limit' | 'offset'>): { filter: string; params: unknown[] } => {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (query.participantId !== undefined) add((n) => `entry->'participantIds' @> ${n}::jsonb`, JSON.stringify([query.participantId]));
  if (query.actor !== undefined) add((n) => `sub = ${n}`, query.actor);
  if (query.from !== undefined) add((n) => `at >= ${n}::timestamptz`, query.from);
  if (query.to !== undefined) add((n) => `at <= ${n}::timestamptz`, query.to);
  if (query.municipality !== undefined) {
    add(
      (n) => `(entry->'municipalities' @> ${n}::jsonb or entry->>'municipality' = ${n}::jsonb->>0 or entry->>'action' = 'purge')`,
      JSON.stringify([query.municipality]),
    );
  }
  return { filter: where.length > 0 ? `where ${where.join(' and ')}` : '', params };
};

/**
 * The access log in the events' own database. The head (last seq and hash) lives in a row of its own, so the chain
 * goes on from the right hash after a purge removed the rows before it. The writer keeps the head it last wrote, so
 * a batch normally costs one statement; another instance's batch in between costs one more.
 */
export class SqlAccessLogStore implements AccessLogStore {
  /** The head's hash as this instance last saw it; undefined until read, and again after a failure. */
  private head: string | undefined;

  constructor(private readonly sql: SqlDriver) {}

  async init(): Promise<void> {
    await applySchema(this.sql, `${SCHEMA};\n${SEED_HEAD}`);
  }

  append(entries: readonly AccessEntry[]): Promise<void> {
    return this.appendVia(this.sql, entries);
  }

  /** Appends on `sql`: the pool, or the purge's transaction. */
  private async appendVia(sql: SqlTransaction, entries: readonly AccessEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      let head = this.head ?? (await this.currentHead(sql));
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const { rows, last } = chainOn(head, entries);
        const [answer] = await sql.query<{ written: number; head: string | null }>(APPEND_BATCH, [head, rows, last]);
        if (answer.written === entries.length) {
          this.head = last;
          return;
        }
        head = answer.head ?? (await this.seedHead(sql));
      }
      throw new Error(`the access log's head moved on ${MAX_ATTEMPTS} times in a row`);
    } catch (error) {
      this.head = undefined;
      throw error;
    }
  }

  private async currentHead(sql: SqlTransaction): Promise<string> {
    const [row] = await sql.query<{ hash: string }>('select hash from access_log_head where id = 1');
    return row?.hash ?? this.seedHead(sql);
  }

  /** The head row gone (removed by hand): seeded again from the last entry, as at start. */
  private async seedHead(sql: SqlTransaction): Promise<string> {
    await sql.query(SEED_HEAD);
    const [row] = await sql.query<{ hash: string }>('select hash from access_log_head where id = 1');
    return row.hash;
  }

  async query(query: AccessQuery): Promise<{ items: AccessRecord[]; total: number }> {
    const { filter, params } = accessFilter(query);
    const [{ total }] = await this.sql.query<{ total: string | number }>(`select count(*) as total from access_log ${filter}`, params);
    const rows = await this.sql.query<Row>(
      `select ${RECORD} from access_log ${filter} order by seq desc limit ${Number(query.limit)} offset ${Number(query.offset)}`,
      params,
    );
    return { items: rows.map(recordOf), total: Number(total) };
  }

  async all(): Promise<AccessRecord[]> {
    const rows = await this.sql.query<Row>(ALL_RECORDS);
    return rows.map(recordOf);
  }

  async chain(): Promise<{ records: AccessRecord[]; head: AccessChainHead | undefined }> {
    // One snapshot for both: an append committed between the two reads would otherwise look like a head past the end.
    return this.sql.transaction(async (tx) => {
      await tx.query('set transaction isolation level repeatable read');
      const [head] = await tx.query<{ seq: string | number; hash: string }>('select seq, hash from access_log_head where id = 1');
      const rows = await tx.query<Row>(ALL_RECORDS);
      return { records: rows.map(recordOf), head: head && { seq: Number(head.seq), hash: head.hash } };
    });
  }

  async purgeBefore(cutoff: string, recordOf: (purged: Purged) => AccessEntry): Promise<Purged> {
    return this.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const [removed] = await tx.query<{ count: string | number; through: string | number | null; hash: string | null }>(
        `with removed as (delete from access_log where at < $1::timestamptz returning seq, encode(hash, 'hex') as hash)
         select count(*) as count, max(seq) as through, (select hash from removed order by seq desc limit 1) as hash from removed`,
        [cutoff],
      );
      const count = Number(removed.count);
      const purged = { count, throughSeq: count > 0 ? Number(removed.through) : null, lastHash: count > 0 ? removed.hash : null };
      if (count > 0) await this.appendVia(tx, [recordOf(purged)]);
      return purged;
    });
  }
}
