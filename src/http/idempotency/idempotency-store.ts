import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { SqlDriver } from '@lotse/event-store';
import { SQL_DRIVER } from '../../database';

/** The answer a completed request gave, replayed as is to a retry. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  | { claimed: true }
  /** Someone else holds the key: `response` is undefined while that request still runs. */
  | { claimed: false; fingerprint: string; response?: StoredResponse };

/** Keys are promised for a day; older records go. */
const RETENTION = '24 hours';
/** A pending record this old belongs to a process that died mid-request; a retry may take it over. */
const ABANDONED_AFTER = '60 seconds';
const PURGE_EVERY_MS = 60_000;

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

/** Any constant will do, as long as no other migration of this database uses it. */
const SCHEMA_LOCK = 7_406_021_001;

interface Row {
  fingerprint: string;
  status: 'pending' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
}

/** Idempotency records in the events' own database (SQL_DRIVER), so every instance sees the same keys. */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private lastPurge = 0;

  constructor(@Inject(SQL_DRIVER) private readonly sql: SqlDriver) {}

  async onModuleInit(): Promise<void> {
    // Two instances starting together would race on `create table if not exists` (a duplicate
    // pg_type row on PostgreSQL); the advisory lock makes the second wait for the first.
    await this.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await tx.exec(SCHEMA);
    });
  }

  /**
   * Takes the key for this request or says who has it. The insert is the lock: of two
   * concurrent requests exactly one inserts, the other finds its record.
   */
  async claim(subject: string, key: string, fingerprint: string): Promise<Claim> {
    await this.purgeNowAndThen();
    // A record can vanish between the insert and the select (its request failed and released
    // it), hence a few rounds; after that, calling it "in progress" is honest enough.
    for (let round = 0; round < 3; round += 1) {
      const inserted = await this.sql.query(
        `insert into idempotency_keys (subject, key, fingerprint, status) values ($1, $2, $3, 'pending')
         on conflict (subject, key) do nothing returning 1 as claimed`, [subject, key, fingerprint]);
      if (inserted.length > 0) return { claimed: true };

      const takenOver = await this.sql.query(
        `update idempotency_keys set created_at = now()
          where subject = $1 and key = $2 and fingerprint = $3 and status = 'pending'
            and created_at < now() - interval '${ABANDONED_AFTER}'
        returning 1 as claimed`, [subject, key, fingerprint]);
      if (takenOver.length > 0) return { claimed: true };

      const [row] = await this.sql.query<Row>(
        `select fingerprint, status, response_status, response_headers, response_body
           from idempotency_keys where subject = $1 and key = $2`, [subject, key]);
      if (row) return held(row);
    }
    return { claimed: false, fingerprint };
  }

  async complete(subject: string, key: string, response: StoredResponse): Promise<void> {
    await this.sql.query(
      `update idempotency_keys
          set status = 'completed', response_status = $3, response_headers = $4::jsonb,
              response_body = $5::jsonb, completed_at = now()
        where subject = $1 and key = $2`,
      // Serialised here: the pg driver would turn a top-level array into a PostgreSQL array.
      [subject, key, response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)]);
  }

  /** Forgets a request that failed on our side, so its retry runs instead of being refused. */
  async release(subject: string, key: string): Promise<void> {
    await this.sql.query(`delete from idempotency_keys where subject = $1 and key = $2 and status = 'pending'`, [subject, key]);
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.sql.query(`delete from idempotency_keys where created_at < now() - interval '${RETENTION}'`);
  }
}

const held = (row: Row): Claim =>
  row.status === 'completed' && row.response_status !== null
    ? { claimed: false, fingerprint: row.fingerprint,
        response: { status: row.response_status, headers: row.response_headers ?? {}, body: row.response_body } }
    : { claimed: false, fingerprint: row.fingerprint };
