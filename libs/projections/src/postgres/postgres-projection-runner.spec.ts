import { PostgresDriver, SqlEventStore } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { SqlLogOrder } from '../sql/sql-log-order';
import { SqlReadModelStore } from '../sql/sql-read-model-store';
import { projectionRunnerContract, RunnerWorld } from '../testing/projection-runner.contract';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { PostgresLeaderElection } from './postgres-leader-election';

describe('read models on the PostgreSQL server', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  const open = async (): Promise<RunnerWorld> => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
    const store = new SqlEventStore(driver, { schema, pollIntervalMs: 10 });
    await store.init();
    return {
      store,
      readModels: new SqlReadModelStore(driver),
      // Its own session per runner, as two processes would have: the lock is per session.
      election: () => new PostgresLeaderElection({ connectionString: TEST_DATABASE_URL, namespace: schema }),
      logOrder: new SqlLogOrder(driver),
      close: () => store.close(),
    };
  };
  describe('store', () => readModelStoreContract(open));
  describe('runner', () => projectionRunnerContract(open));
});
