import type { SqlDriver, SqlTransaction } from '@lotse/event-store';
import { applySchema, chainHash } from '@lotse/event-store';
import { AccessChainHead, AccessEntry, AccessRecord } from './access-entry';
import { accessEntryJson } from './access-entry-json';
import { AccessLogStore, AccessQuery, Purged } from './access-log-store';
import { ACCESS_LOG_SCHEMA, SEED_HEAD } from './sql-access-log-schema';
import { accessRecordsSql, RECORDS_OF_BATCHES } from './sql-access-query';

/**
 * Serialises the purge with the appends. An append takes it too, before the head row: an instance of an earlier
 * version, which chained under this lock alone, then still waits for a newer one and never forks the chain.
 */
const APPEND_LOCK = 7_406_021_514;

/**
 * A batch in one statement, so one round trip and one commit, written as one row: the entries arrive already chained
 * on the head the writer last knew (seq $2 - 1, hash $1), as the JSON array ($8) of `{ seq, entry, previousHash, hash }`,
 * with what the queries find the batch by ($3 to $7). The head row is locked first; if it is no longer that head
 * (another instance appended meanwhile), nothing is written and the statement answers the head as it is now, on which
 * the writer chains the batch again. Locked `for update`, the row is read as the last commit left it, even when that
 * commit came after this statement began. The text never changes, so each connection plans it once.
 */
const APPEND_BATCH = `
with locked as materialized (
  select pg_advisory_xact_lock(${APPEND_LOCK})
),
head as materialized (
  select seq, hash from access_log_head where id = 1 and (select count(*) from locked) = 1 for update
),
inserted as (
  insert into access_log_batch (first_seq, last_seq, at_from, at_to, subs, participant_ids, entries)
  select $2, $3, $4::timestamptz, $5::timestamptz, $6::jsonb, $7::jsonb, $8::json
  from head where head.hash = $1 and head.seq = $2::bigint - 1
  returning last_seq
),
moved as (
  update access_log_head set seq = (select last_seq from inserted), hash = $9
  where id = 1 and exists (select 1 from inserted)
)
select (select count(*) from inserted)::int as written, (select seq from head) as seq, (select hash from head) as head
`;

/** Every record in order: the batches by their first seq, each batch's entries as stored. */
const ALL_RECORDS = `${RECORDS_OF_BATCHES} order by b.first_seq, e.n`;

/** Two instances appending at once each find the other's batch at most once per batch of theirs; more means something is wrong. */
const MAX_ATTEMPTS = 20;

interface Row {
  seq: string | number;
  entry: AccessEntry;
  previous_hash: string;
  hash: string;
}

const recordOf = (row: Row): AccessRecord => ({ ...row.entry, seq: Number(row.seq), previousHash: row.previous_hash, hash: row.hash });

interface Head {
  seq: number;
  hash: string;
}

/**
 * The batch chained on `head`, as APPEND_BATCH takes it: the entries with their seqs, links and hashes, and what the
 * row is found by. The JSON is put together from the entry's canonical text, which the hash is taken of anyway, rather
 * than serialised a second time; the hashes are hex, which needs no escaping.
 */
const chainOn = (head: Head, entries: readonly AccessEntry[]): { params: unknown[]; last: Head } => {
  let previousHash = head.hash;
  let items = '[';
  let from = Infinity;
  let to = -Infinity;
  const subs = new Set<string>();
  const people = new Set<string>();
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i];
    const json = accessEntryJson(entry);
    const hash = chainHash(previousHash, json);
    items += `${i ? ',' : ''}{"seq":${head.seq + 1 + i},"entry":${json},"previousHash":"${previousHash}","hash":"${hash}"}`;
    previousHash = hash;
    const at = Date.parse(entry.at);
    if (at < from) from = at;
    if (at > to) to = at;
    subs.add(entry.sub);
    for (const id of entry.participantIds) people.add(id);
  }
  const last = { seq: head.seq + entries.length, hash: previousHash };
  const params = [
    head.hash,
    head.seq + 1,
    last.seq,
    new Date(from).toISOString(),
    new Date(to).toISOString(),
    JSON.stringify([...subs]),
    JSON.stringify([...people]),
    `${items}]`,
    last.hash,
  ];
  return { params, last };
};

/**
 * The access log in the events' own database, a row per batch (see sql-access-log-schema.ts). The head (last seq and
 * hash) lives in a row of its own, so the chain goes on from the right hash after a purge removed the rows before it.
 * The writer keeps the head it last wrote, so a batch normally costs one statement; another instance's batch in
 * between costs one more.
 */
export class SqlAccessLogStore implements AccessLogStore {
  /** The head as this instance last saw it; undefined until read, and again after a failure. */
  private head: Head | undefined;

  constructor(private readonly sql: SqlDriver) {}

  async init(): Promise<void> {
    await applySchema(this.sql, ACCESS_LOG_SCHEMA);
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
        const { params, last } = chainOn(head, entries);
        const [answer] = await sql.query<{ written: number; seq: string | number | null; head: string | null }>(APPEND_BATCH, params);
        if (answer.written === 1) {
          this.head = last;
          return;
        }
        head = answer.head === null ? await this.seedHead(sql) : { seq: Number(answer.seq), hash: answer.head };
      }
      throw new Error(`the access log's head moved on ${MAX_ATTEMPTS} times in a row`);
    } catch (error) {
      this.head = undefined;
      throw error;
    }
  }

  private async currentHead(sql: SqlTransaction): Promise<Head> {
    const [row] = await sql.query<{ seq: string | number; hash: string }>('select seq, hash from access_log_head where id = 1');
    return row ? { seq: Number(row.seq), hash: row.hash } : this.seedHead(sql);
  }

  /** The head row gone (removed by hand): seeded again from the last entry, as at start. */
  private async seedHead(sql: SqlTransaction): Promise<Head> {
    await sql.query(SEED_HEAD);
    const [row] = await sql.query<{ seq: string | number; hash: string }>('select seq, hash from access_log_head where id = 1');
    return { seq: Number(row.seq), hash: row.hash };
  }

  async query(query: AccessQuery): Promise<{ items: AccessRecord[]; total: number }> {
    const { records, params } = accessRecordsSql(query);
    const [{ total }] = await this.sql.query<{ total: string | number }>(`select count(*) as total from ${records}`, params);
    const rows = await this.sql.query<Row>(
      `select * from ${records} order by seq desc limit ${Number(query.limit)} offset ${Number(query.offset)}`,
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

  /**
   * Removes the batches whose every entry is older than `cutoff`: a batch that straddles it stays whole, so an entry
   * is removed at most one batch's span (normally milliseconds) after its time.
   */
  async purgeBefore(cutoff: string, recordOf: (purged: Purged) => AccessEntry): Promise<Purged> {
    return this.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      // The outer select still sees the removed rows (one snapshot for the whole statement): the last one's hash.
      const [removed] = await tx.query<{ count: string | number; through: string | number | null; hash: string | null }>(
        `with removed as (delete from access_log_batch where at_to < $1::timestamptz returning first_seq, last_seq)
         select coalesce(sum(last_seq - first_seq + 1), 0) as count, max(last_seq) as through,
                (select b.entries->-1->>'hash' from access_log_batch b where b.first_seq = (select max(first_seq) from removed)) as hash
         from removed`,
        [cutoff],
      );
      const count = Number(removed.count);
      const purged = { count, throughSeq: count > 0 ? Number(removed.through) : null, lastHash: count > 0 ? removed.hash : null };
      if (count > 0) await this.appendVia(tx, [recordOf(purged)]);
      return purged;
    });
  }
}
