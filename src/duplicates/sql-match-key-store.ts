import { MatchingKeys } from '@lotse/domain';
import { applySchema, SqlDriver } from '@lotse/event-store';
import { DuplicatePair, MatchCandidate, MatchKeyStore, PAIR_LIST_LIMIT, pairIdOf, PairStatus } from './match-key-store';

/** Matching keys and pairs beside the events, in the same database. */
export class SqlMatchKeyStore implements MatchKeyStore {
  constructor(private readonly sql: SqlDriver) {}

  async init(): Promise<void> {
    await applySchema(
      this.sql,
      `
      create table if not exists participant_match_keys (
        participant_id text primary key,
        municipality   text not null,
        keys           jsonb not null
      );
      create table if not exists match_lookup (
        key            text not null,
        participant_id text not null,
        primary key (key, participant_id)
      );
      create table if not exists duplicate_pairs (
        pair_id        text primary key,
        participant_a  text not null,
        participant_b  text not null,
        municipality_a text not null,
        municipality_b text not null,
        score          double precision not null,
        fields         jsonb not null,
        status         text not null default 'open',
        found_at       timestamptz not null default now(),
        decided_by     text,
        decided_at     timestamptz
      );
      create index if not exists duplicate_pairs_open on duplicate_pairs (status, found_at)`,
    );
  }

  async save(participantId: string, municipality: string, keys: MatchingKeys): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `insert into participant_match_keys (participant_id, municipality, keys) values ($1, $2, $3::text::jsonb)
        on conflict (participant_id) do update set municipality = excluded.municipality, keys = excluded.keys`,
        [participantId, municipality, JSON.stringify(keys)],
      );
      await tx.query('delete from match_lookup where participant_id = $1', [participantId]);
      await tx.query('insert into match_lookup (key, participant_id) select unnest($1::text[]), $2 on conflict do nothing', [
        [...new Set(keys.lookup)],
        participantId,
      ]);
    });
  }

  async candidates(lookup: readonly string[]): Promise<MatchCandidate[]> {
    const rows = await this.sql.query<{ participant_id: string; municipality: string; keys: MatchingKeys }>(
      `select k.participant_id, k.municipality, k.keys from participant_match_keys k
        where k.participant_id in (select participant_id from match_lookup where key = any($1::text[]))`,
      [[...lookup]],
    );
    return rows.map((r) => ({ participantId: r.participant_id, municipality: r.municipality, keys: r.keys }));
  }

  async forget(participantId: string): Promise<void> {
    await this.sql.query('delete from match_lookup where participant_id = $1', [participantId]);
    await this.sql.query('delete from participant_match_keys where participant_id = $1', [participantId]);
  }

  async recordPair(pair: Omit<DuplicatePair, 'status' | 'foundAt'>): Promise<void> {
    await this.sql.query(
      `insert into duplicate_pairs (pair_id, participant_a, participant_b, municipality_a, municipality_b, score, fields)
      values ($1, $2, $3, $4, $5, $6, $7::text::jsonb) on conflict (pair_id) do nothing`,
      [pair.pairId, pair.participantA, pair.participantB, pair.municipalityA, pair.municipalityB, pair.score, JSON.stringify(pair.fields)],
    );
  }

  async pairs(filter: { status: PairStatus; municipality?: string }): Promise<DuplicatePair[]> {
    const rows = await this.sql.query<Record<string, unknown>>(
      `select ${PAIR_COLUMNS} from duplicate_pairs where status = $1 and ($2::text is null or municipality_a = $2 or municipality_b = $2)
        order by duplicate_pairs.score desc, duplicate_pairs.found_at limit ${PAIR_LIST_LIMIT}`,
      [filter.status, filter.municipality ?? null],
    );
    return rows.map(toPair);
  }

  async pairOf(a: string, b: string): Promise<DuplicatePair | undefined> {
    const [row] = await this.sql.query<Record<string, unknown>>(`select ${PAIR_COLUMNS} from duplicate_pairs where pair_id = $1`, [
      pairIdOf(a, b),
    ]);
    return row ? toPair(row) : undefined;
  }

  async decide(pairId: string, status: Exclude<PairStatus, 'open'>, actor: string): Promise<void> {
    await this.sql.query('update duplicate_pairs set status = $2, decided_by = $3, decided_at = now() where pair_id = $1', [
      pairId,
      status,
      actor,
    ]);
  }
}

const PAIR_COLUMNS = `pair_id, participant_a, participant_b, municipality_a, municipality_b, score, fields, status,
  to_char(found_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as found_at`;

const toPair = (r: Record<string, unknown>): DuplicatePair => ({
  pairId: String(r.pair_id),
  participantA: String(r.participant_a),
  participantB: String(r.participant_b),
  municipalityA: String(r.municipality_a),
  municipalityB: String(r.municipality_b),
  score: Number(r.score),
  fields: r.fields as DuplicatePair['fields'],
  status: r.status as PairStatus,
  foundAt: String(r.found_at),
});
