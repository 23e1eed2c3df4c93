import { PGlite } from '@electric-sql/pglite';
import { quoteIdent, SqlDriver, SqlTransaction } from '../sql/sql-driver';
import { AppendWakeups } from '../sql/append-wakeups';
import { acquirePglite, releasePglite } from './pglite-database';

/** One per embedded database, shared by every store on it: nobody outside this process writes to it. */
const wakeupsByDatabase = new WeakMap<PGlite, AppendWakeups>();

const wakeupsOf = (db: PGlite): AppendWakeups => {
  let wakeups = wakeupsByDatabase.get(db);
  if (!wakeups) wakeupsByDatabase.set(db, (wakeups = new AppendWakeups()));
  return wakeups;
};

/** Speaks the SQL event store's few needs to an embedded PGlite database. */
export class PgliteDriver implements SqlDriver {
  readonly sharedAppendWakeups: AppendWakeups;

  private constructor(private readonly db: PGlite) {
    this.sharedAppendWakeups = wakeupsOf(db);
  }

  /** `schema` becomes the search path, so the shared SQL finds its tables and function. */
  static async open(dir: string, schema: string): Promise<PgliteDriver> {
    const db = await acquirePglite(dir);
    await db.exec(`create schema if not exists ${quoteIdent(schema)}; set search_path to ${quoteIdent(schema)}`);
    return new PgliteDriver(db);
  }

  /** The shared instance, for read models that live in the same embedded database. */
  get database(): PGlite {
    return this.db;
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(sql, params as unknown[])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) => (await tx.query<Row>(sql, params as unknown[])).rows,
        exec: async (sql: string) => {
          await tx.exec(sql);
        },
      }),
    );
  }

  close(): Promise<void> {
    return releasePglite(this.db);
  }
}
