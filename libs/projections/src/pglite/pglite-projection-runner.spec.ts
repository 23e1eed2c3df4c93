import { PGlite } from '@electric-sql/pglite';
import { acquirePglite, PgliteDriver, releasePglite, SqlEventStore } from '@lotse/event-store';
import { freshSchemaName } from '@lotse/event-store/testing/postgres-test-database';
import { InProcessLeaderElection } from '../leader-election';
import { SqlLogOrder } from '../sql/sql-log-order';
import { SqlReadModelStore } from '../sql/sql-read-model-store';
import { projectionRunnerContract, RunnerWorld } from '../testing/projection-runner.contract';
import { readModelStoreContract } from '../testing/read-model-store.contract';

describe('read models on PGlite, beside the events as the app keeps them', () => {
  const shared = 'memory://projection-runner';
  let held: PGlite;
  beforeAll(async () => { held = await acquirePglite(shared); });
  afterAll(() => releasePglite(held));

  const open = async (): Promise<RunnerWorld> => {
    const schema = freshSchemaName();
    const driver = await PgliteDriver.open(shared, schema);
    const store = new SqlEventStore(driver, { schema, pollIntervalMs: 10 });
    await store.init();
    return {
      store,
      readModels: new SqlReadModelStore(driver),
      election: () => new InProcessLeaderElection(schema),
      logOrder: new SqlLogOrder(driver),
      close: () => store.close(),
    };
  };
  describe('store', () => readModelStoreContract(open));
  describe('runner', () => projectionRunnerContract(open));
});
