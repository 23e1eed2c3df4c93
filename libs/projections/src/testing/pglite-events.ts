import { PGlite } from '@electric-sql/pglite';
import { acquirePglite, PgliteDriver, releasePglite, SqlEventStore } from '@lotse/event-store';
import { freshSchemaName } from '@lotse/event-store/testing/postgres-test-database';
import { SqlLogOrder } from '../sql/sql-log-order';

/**
 * Events on one in-memory PGlite shared by a spec file, a fresh schema per test: held open for the
 * whole file (register in its describe) so tests do not pay for starting PostgreSQL each time.
 */
export const pgliteEvents = (shared: string) => {
  let held: PGlite;
  beforeAll(async () => {
    held = await acquirePglite(shared);
  });
  afterAll(() => releasePglite(held));
  return async () => {
    const schema = freshSchemaName();
    const driver = await PgliteDriver.open(shared, schema);
    const store = new SqlEventStore(driver, { schema, pollIntervalMs: 10 });
    await store.init();
    return { schema, driver, store, logOrder: new SqlLogOrder(driver) };
  };
};
