import { PGlite } from '@electric-sql/pglite';
import { anEvent, eventStoreContract } from '../testing/event-store.contract';
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

  it('wakes a subscription on one store at an append through another store on the same database', async () => {
    const schema = freshSchemaName();
    // A poll far longer than the test's timeout: only the wake-up shared by the database can deliver the event in time.
    const listening = new SqlEventStore(await PgliteDriver.open(shared, schema), { schema, pollIntervalMs: 600_000 });
    const writing = new SqlEventStore(await PgliteDriver.open(shared, schema), { schema });
    await listening.init();
    const abort = new AbortController();
    try {
      const subscription = listening.subscribeAll({ signal: abort.signal })[Symbol.asyncIterator]();
      const first = subscription.next();
      await new Promise((resolve) => setTimeout(resolve, 200)); // the subscription has found the log empty and waits
      await writing.append('pathway-1', [anEvent('Happened')], { expectedVersion: 'no_stream' });
      expect((await first).value).toMatchObject({ streamId: 'pathway-1', type: 'Happened' });
    } finally {
      abort.abort();
      await writing.close();
      await listening.close();
    }
  }, 10_000);
});
