import type { SqlDriver } from '@lotse/event-store';
import { GENESIS_HASH } from '@lotse/event-store';
import { AccessEntry, accessHash, AccessRecord } from './access-entry';
import { AccessLogStore, AccessQuery, Purged } from './access-log-store';

const SCHEMA = `
create table if not exists access_log (
  seq             bigserial primary key,
  at              timestamptz not null,
  sub             text not null,
  participant_ids jsonb not null,
  municipalities  jsonb not null,
  entry           jsonb not null,
  previous_hash   text not null,
  hash            text not null
);
create index if not exists access_log_at on access_log (at);
create index if not exists access_log_participant_ids on access_log using gin (participant_ids jsonb_path_ops);
create table if not exists access_log_head (
  id   integer primary key check (id = 1),
  seq  bigint not null,
  hash text not null
);
`;

/** Any constant will do, as long as no other migration of this database uses it. */
const SCHEMA_LOCK = 7_406_021_513;
/** Held while a batch is chained on: two instances appending at once would otherwise both link to the same head. */
const APPEND_LOCK = 7_406_021_514;

interface Row {
  seq: string | number;
  entry: AccessEntry;
  previous_hash: string;
  hash: string;
}

const recordOf = (row: Row): AccessRecord => ({ ...row.entry, seq: Number(row.seq), previousHash: row.previous_hash, hash: row.hash });

/**
 * The access log in the events' own database. The head (last seq and hash) lives in a row of its own, so the chain
 * goes on from the right hash after a purge removed the rows before it.
 */
export class SqlAccessLogStore implements AccessLogStore {
  constructor(private readonly sql: SqlDriver) {}

  async init(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await tx.exec(SCHEMA);
    });
  }

  async append(entries: readonly AccessEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const [head] = await tx.query<{ hash: string }>('select hash from access_log_head where id = 1');
      let previous = head?.hash ?? GENESIS_HASH;
      const params: unknown[] = [];
      const rows: string[] = [];
      for (const entry of entries) {
        const hash = accessHash(previous, entry);
        const n = params.length;
        params.push(
          entry.at,
          entry.sub,
          JSON.stringify(entry.participantIds),
          JSON.stringify(entry.municipalities),
          JSON.stringify(entry),
          previous,
          hash,
        );
        rows.push(`($${n + 1}::timestamptz, $${n + 2}, $${n + 3}::jsonb, $${n + 4}::jsonb, $${n + 5}::jsonb, $${n + 6}, $${n + 7})`);
        previous = hash;
      }
      const inserted = await tx.query<{ seq: string | number }>(
        `insert into access_log (at, sub, participant_ids, municipalities, entry, previous_hash, hash) values ${rows.join(', ')} returning seq`,
        params,
      );
      const last = Math.max(...inserted.map((row) => Number(row.seq)));
      await tx.query(
        `insert into access_log_head (id, seq, hash) values (1, $1, $2) on conflict (id) do update set seq = excluded.seq, hash = excluded.hash`,
        [last, previous],
      );
    });
  }

  async query(query: AccessQuery): Promise<{ items: AccessRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (query.participantId !== undefined) add((n) => `participant_ids @> ${n}::jsonb`, JSON.stringify([query.participantId]));
    if (query.actor !== undefined) add((n) => `sub = ${n}`, query.actor);
    if (query.from !== undefined) add((n) => `at >= ${n}::timestamptz`, query.from);
    if (query.to !== undefined) add((n) => `at <= ${n}::timestamptz`, query.to);
    if (query.municipality !== undefined) {
      add(
        (n) => `(municipalities @> ${n}::jsonb or entry->>'municipality' = ${n}::jsonb->>0 or entry->>'action' = 'purge')`,
        JSON.stringify([query.municipality]),
      );
    }
    const filter = where.length > 0 ? `where ${where.join(' and ')}` : '';
    const [{ total }] = await this.sql.query<{ total: string | number }>(`select count(*) as total from access_log ${filter}`, params);
    const rows = await this.sql.query<Row>(
      `select seq, entry, previous_hash, hash from access_log ${filter} order by seq desc limit ${Number(query.limit)} offset ${Number(query.offset)}`,
      params,
    );
    return { items: rows.map(recordOf), total: Number(total) };
  }

  async all(): Promise<AccessRecord[]> {
    const rows = await this.sql.query<Row>('select seq, entry, previous_hash, hash from access_log order by seq');
    return rows.map(recordOf);
  }

  async purgeBefore(cutoff: string): Promise<Purged> {
    return this.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const [removed] = await tx.query<{ count: string | number; through: string | number | null; hash: string | null }>(
        `with removed as (delete from access_log where at < $1::timestamptz returning seq, hash)
         select count(*) as count, max(seq) as through, (select hash from removed order by seq desc limit 1) as hash from removed`,
        [cutoff],
      );
      const count = Number(removed.count);
      return { count, throughSeq: count > 0 ? Number(removed.through) : null, lastHash: count > 0 ? removed.hash : null };
    });
  }
}
