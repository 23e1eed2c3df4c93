import { SqlDriver } from './sql-driver';

/**
 * One advisory lock for every table a process creates at its start. Two processes creating the
 * same table on a fresh database at once (a cluster's HTTP processes and its projection thread)
 * collide in PostgreSQL's catalogue even with `if not exists` (a duplicate key in pg_type); taking
 * turns costs a few milliseconds once per start.
 */
const SCHEMA_LOCK = 7_406_020_001;

/** Runs `ddl` (idempotent statements) in one transaction while no other process does the same. */
export const applySchema = (driver: SqlDriver, ddl: string): Promise<void> =>
  driver.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await tx.exec(ddl);
  });
