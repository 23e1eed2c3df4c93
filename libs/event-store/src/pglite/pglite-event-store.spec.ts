import { PGlite } from '@electric-sql/pglite';
import { eventStoreContract } from '../testing/event-store.contract';
import { sqlTamper } from '../testing/sql-tamper';
import { freshSchemaName } from '../testing/postgres-test-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { acquirePglite, releasePglite } from './pglite-database';
import { PgliteDriver } from './pglite-driver';

describe('EventStore contract on PGlite (embedded PostgreSQL)', () => {
  // One embedded database for the suite (starting PGlite takes a second); each test gets its own schema.
  const shared = 'memory://event-store-contract';
  let held: PGlite;
  let driver: PgliteDriver;
  beforeAll(async () => {
    held = await acquirePglite(shared);
  });
  afterAll(() => releasePglite(held));

  eventStoreContract({
    open: async (options) => {
      const schema = freshSchemaName();
      driver = await PgliteDriver.open(shared, schema);
      const store = new SqlEventStore(driver, { schema, ...options });
      await store.init();
      return store;
    },
    tamper: sqlTamper(() => driver),
    eventIdsUniqueAcrossStreams: true,
  });
});
