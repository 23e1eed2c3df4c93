import { InProcessLeaderElection } from '../leader-election';
import { SqlReadModelStore } from '../sql/sql-read-model-store';
import { pgliteEvents } from '../testing/pglite-events';
import { projectionRunnerContract, RunnerWorld } from '../testing/projection-runner.contract';
import { readModelStoreContract } from '../testing/read-model-store.contract';

describe('read models on PGlite, beside the events as the app keeps them', () => {
  const events = pgliteEvents('memory://projection-runner');

  const open = async (): Promise<RunnerWorld> => {
    const { schema, driver, store, logOrder } = await events();
    return {
      store,
      readModels: new SqlReadModelStore(driver),
      election: () => new InProcessLeaderElection(schema),
      logOrder,
      close: () => store.close(),
    };
  };
  describe('store', () => readModelStoreContract(open));
  describe('runner', () => projectionRunnerContract(open));
});
