import { applySchema, SqlDriver } from '@lotse/event-store';
import { IdempotencyRecord, IdempotencyRecords, StoredResponse } from './idempotency-store';

const SCHEMA = `
create table if not exists idempotency_keys (
  subject          text not null,
  key              text not null,
  fingerprint      text not null,
  status           text not null check (status in ('pending', 'completed')),
  response_status  integer,
  response_headers jsonb,
  response_body    jsonb,
  created_at       timestamptz not null default now(),
  completed_at     timestamptz,
  primary key (subject, key)
);
create index if not exists idempotency_keys_created_at on idempotency_keys (created_at);
`;

interface Row {
  fingerprint: string;
  status: 'pending' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
}

/** Idempotency records in the events' own database, so every instance sees the same keys; times are the server's. */
export class SqlIdempotencyRecords implements IdempotencyRecords {
  constructor(private readonly sql: SqlDriver) {}

  async init(): Promise<void> {
    await applySchema(this.sql, SCHEMA);
  }

  async insertPending(subject: string, key: string, fingerprint: string): Promise<boolean> {
    const inserted = await this.sql.query(
      `insert into idempotency_keys (subject, key, fingerprint, status) values ($1, $2, $3, 'pending')
       on conflict (subject, key) do nothing returning 1 as claimed`,
      [subject, key, fingerprint],
    );
    return inserted.length > 0;
  }

  async takeOverAbandoned(subject: string, key: string, fingerprint: string, olderThanMs: number): Promise<boolean> {
    const takenOver = await this.sql.query(
      `update idempotency_keys set created_at = now()
        where subject = $1 and key = $2 and fingerprint = $3 and status = 'pending'
          and created_at < now() - $4 * interval '1 millisecond'
      returning 1 as claimed`,
      [subject, key, fingerprint, olderThanMs],
    );
    return takenOver.length > 0;
  }

  async find(subject: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [row] = await this.sql.query<Row>(
      `select fingerprint, status, response_status, response_headers, response_body
         from idempotency_keys where subject = $1 and key = $2`,
      [subject, key],
    );
    if (!row) return undefined;
    return row.status === 'completed' && row.response_status !== null
      ? {
          fingerprint: row.fingerprint,
          response: { status: row.response_status, headers: row.response_headers ?? {}, body: row.response_body },
        }
      : { fingerprint: row.fingerprint };
  }

  async complete(subject: string, key: string, response: StoredResponse): Promise<void> {
    await this.sql.query(
      `update idempotency_keys
          set status = 'completed', response_status = $3, response_headers = $4::jsonb,
              response_body = $5::jsonb, completed_at = now()
        where subject = $1 and key = $2`,
      // Serialised here: the pg driver would turn a top-level array into a PostgreSQL array.
      [subject, key, response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
  }

  async release(subject: string, key: string): Promise<void> {
    await this.sql.query(`delete from idempotency_keys where subject = $1 and key = $2 and status = 'pending'`, [subject, key]);
  }

  async purgeOlderThan(ms: number): Promise<void> {
    await this.sql.query(`delete from idempotency_keys where created_at < now() - $1 * interval '1 millisecond'`, [ms]);
  }
}
