import { SqlDriver } from './sql-driver';

/**
 * What a driver offers when it can stream a result as bytes (the PostgreSQL server: COPY … TO
 * STDOUT): the caller receives the rows as the server formatted them, with no row objects or
 * strings made on the way, which is what makes a long export cheap for this process.
 */
export interface SqlCopyOut {
  /**
   * The output of `copy (<select>) to stdout with (<options>)`, chunk by chunk, in order; chunks end
   * anywhere, not at rows. COPY takes no parameters, so every value in `sql` must be a literal the
   * caller made safe. `settings` (e.g. max_parallel_workers_per_gather) hold for this statement
   * only. Stopping early (break, return, throw) ends the statement on the server.
   */
  copyOut(sql: string, settings?: Readonly<Record<string, string>>): AsyncIterable<Buffer>;
}

/** The driver's COPY, when it has one (PGlite has none): callers fall back to plain queries. */
export const copyOutOf = (driver: SqlDriver): SqlCopyOut | undefined =>
  'copyOut' in driver && typeof driver.copyOut === 'function' ? (driver as SqlDriver & SqlCopyOut) : undefined;
