import type { ThrottlerStorage } from '@nestjs/throttler';
import { applySchema, SqlDriver } from '@lotse/event-store';
import { fixedWindowRecord, ThrottlerStorageRecord } from './fixed-window';

const SCHEMA = `
create table if not exists rate_limit_windows (
  key            text primary key,
  hits           integer not null,
  window_ends_at timestamptz not null
);
create index if not exists rate_limit_windows_ends_at on rate_limit_windows (window_ends_at);
`;

const PURGE_EVERY_MS = 60_000;

/**
 * The counts in the database, shared by every instance on it. One upsert counts: PostgreSQL
 * locks the key's row for the update, so concurrent hits from several instances each see their
 * own total, never a lost increment. The window's end is computed by the database clock, so
 * instances whose clocks drift still agree on it.
 */
export class SqlRateLimitStorage implements ThrottlerStorage {
  private lastPurge = 0;

  private constructor(private readonly sql: SqlDriver) {}

  static async open(sql: SqlDriver): Promise<SqlRateLimitStorage> {
    await applySchema(sql, SCHEMA);
    return new SqlRateLimitStorage(sql);
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    await this.purgeNowAndThen();
    const [row] = await this.sql.query<{ hits: number; ms_left: number | string }>(
      `insert into rate_limit_windows as w (key, hits, window_ends_at)
       values ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
       on conflict (key) do update set
         hits = case when w.window_ends_at <= clock_timestamp() then 1 else w.hits + 1 end,
         window_ends_at = case when w.window_ends_at <= clock_timestamp() then excluded.window_ends_at else w.window_ends_at end
       returning hits, extract(epoch from (window_ends_at - clock_timestamp())) * 1000 as ms_left`,
      [key, ttl],
    );
    return fixedWindowRecord(row.hits, Number(row.ms_left), limit);
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.sql.query('delete from rate_limit_windows where window_ends_at < clock_timestamp()');
  }
}
