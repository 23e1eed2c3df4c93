import { eventStoreContract } from '../testing/event-store.contract';
import { sqlTamper } from '../testing/sql-tamper';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../testing/postgres-test-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { PostgresDriver } from './postgres-driver';

describe('EventStore contract on the PostgreSQL server', () => {
  const schemas: string[] = [];
  let driver: PostgresDriver;
  afterAll(() => dropSchemas(schemas));

  eventStoreContract({
    open: async (options) => {
      const schema = freshSchemaName();
      schemas.push(schema);
      driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
      const store = new SqlEventStore(driver, { schema, ...options });
      await store.init();
      return store;
    },
    tamper: sqlTamper(() => driver),
    eventIdsUniqueAcrossStreams: true,
  });
});
