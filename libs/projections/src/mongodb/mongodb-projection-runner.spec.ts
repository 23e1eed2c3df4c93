import { randomUUID } from 'node:crypto';
import { pgliteEvents } from '../testing/pglite-events';
import { projectionRunnerContract, RunnerWorld } from '../testing/projection-runner.contract';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { MongoLeaderElection } from './mongo-leader-election';
import { connectMongo } from './mongo-models';
import { MongoReadModelStore } from './mongo-read-model-store';

/**
 * No MongoDB server can run on the development machines; this suite runs the very same
 * contracts against a real one whenever MONGODB_URL names it, e.g.
 * MONGODB_URL=mongodb://127.0.0.1:27017 npm test -- libs/projections/src/mongodb
 * Each test gets a database of its own, dropped afterwards; the events stay on PGlite in memory.
 */
const url = process.env.MONGODB_URL;
if (!url) {
  process.stdout.write('MongoDB read-model contract suite SKIPPED: set MONGODB_URL=mongodb://… to run it\n');
}

const dropDatabase = async (mongoUrl: string, dbName: string): Promise<void> => {
  const models = await connectMongo(mongoUrl, dbName);
  try {
    await models.connection.dropDatabase();
  } finally {
    await models.connection.close();
  }
};

(url ? describe : describe.skip)(`read models on MongoDB${url ? '' : ' (SKIPPED: set MONGODB_URL)'}`, () => {
  const events = pgliteEvents('memory://mongodb-projection-runner');

  const open = async (): Promise<RunnerWorld> => {
    const mongoUrl = String(url);
    const dbName = `lotse_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    // First, so an unreachable server fails the test before anything else is open.
    const readModels = await MongoReadModelStore.open(mongoUrl, { dbName });
    const { store, logOrder } = await events();
    return {
      store,
      readModels,
      // Its own connection and owner per runner, as two processes would have.
      election: () => new MongoLeaderElection({ url: mongoUrl, dbName, namespace: dbName, ttlMs: 2000 }),
      logOrder,
      close: async () => {
        await store.close();
        await readModels.close();
        await dropDatabase(mongoUrl, dbName);
      },
    };
  };
  describe('store', () => readModelStoreContract(open));
  describe('runner', () => projectionRunnerContract(open));
});
