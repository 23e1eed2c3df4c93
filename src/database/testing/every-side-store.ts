import { PGlite } from '@electric-sql/pglite';
import { acquirePglite, PgliteDriver, PostgresDriver, releasePglite, SqlDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { randomUUID } from 'node:crypto';
import { connectSideStore } from '../mongo-side-store';
import { closeSideStore, SideStore } from '../side-store';

const mongoUrl = process.env.MONGODB_URL;

/**
 * Registers a side-store contract on every engine: PGlite and the PostgreSQL server always,
 * MongoDB when MONGODB_URL names a server (none can run on the development machines), e.g.
 * MONGODB_URL=mongodb://127.0.0.1:27017 npm test -- src/personal-data
 * Each test gets a fresh schema (a fresh database on MongoDB), dropped afterwards.
 */
export const onEverySideStore = (title: string, contract: (open: () => Promise<SideStore>) => void): void => {
  const opened: SideStore[] = [];
  const closeOpened = async () => {
    for (const side of opened.splice(0)) await closeSideStore(side);
  };

  describe(`${title} on PGlite`, () => {
    const shared = `memory://side-store-${randomUUID()}`;
    let held: PGlite;
    beforeAll(async () => {
      held = await acquirePglite(shared);
    });
    afterEach(closeOpened);
    afterAll(() => releasePglite(held));
    contract(async () => remember(opened, { engine: 'sql', driver: await PgliteDriver.open(shared, freshSchemaName()) }));
  });

  describe(`${title} on the PostgreSQL server`, () => {
    const schemas: string[] = [];
    afterEach(closeOpened);
    afterAll(() => dropSchemas(schemas));
    contract(async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const driver: SqlDriver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
      return remember(opened, { engine: 'sql', driver });
    });
  });

  (mongoUrl ? describe : describe.skip)(`${title} on MongoDB${mongoUrl ? '' : ' (SKIPPED: set MONGODB_URL)'}`, () => {
    afterEach(async () => {
      for (const side of opened) if (side.engine === 'mongodb') await side.connection.dropDatabase();
      await closeOpened();
    });
    contract(async () => {
      const dbName = `lotse_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      return remember(opened, { engine: 'mongodb', connection: await connectSideStore(String(mongoUrl), dbName) });
    });
  });
};

if (!mongoUrl) {
  process.stdout.write('MongoDB side-store contract suite SKIPPED: set MONGODB_URL=mongodb://… to run it\n');
}

const remember = (opened: SideStore[], side: SideStore): SideStore => {
  opened.push(side);
  return side;
};

/** Everything a side store keeps under `name` (table or collection), as the engine hands it out. */
export const storedRecords = async (side: SideStore, name: string): Promise<unknown[]> =>
  side.engine === 'sql' ? side.driver.query(`select * from ${name}`) : side.connection.collection(name).find().toArray();
