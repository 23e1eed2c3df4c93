/**
 * A projection runner in a process of its own, for the crash test: it feeds `pathway_summary`
 * in small batches, slowly, so that a SIGKILL lands in the middle of a batch's transaction.
 * argv: <connection string> <schema>. Prints `position <n>` after every committed batch.
 */
import { PostgresDriver, SqlEventStore } from '@lotse/event-store';
import { ProjectionRunner } from '../projection-runner';
import { PostgresLeaderElection } from '../postgres/postgres-leader-election';
import { SqlLogOrder } from '../sql/sql-log-order';
import { SqlReadModelStore } from '../sql/sql-read-model-store';
import { pathwaySummary } from './pathway-summary.projection';

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

const main = async () => {
  const [connectionString, schema] = process.argv.slice(2);
  const driver = await PostgresDriver.open({ connectionString, schema });
  const store = new SqlEventStore(driver, { schema, pollIntervalMs: 10 });
  await store.init();
  const projection = pathwaySummary();
  const slow = {
    ...projection,
    apply: (doc: never, event: never) => {
      spin(0.2);
      return projection.apply(doc, event);
    },
  };
  const runner = new ProjectionRunner({
    store,
    readModels: new SqlReadModelStore(driver),
    projections: [slow],
    batchSize: 40,
    batchWindowMs: 5,
    retryMs: 20,
    election: new PostgresLeaderElection({ connectionString, namespace: schema }),
    logOrder: new SqlLogOrder(driver),
    onApplied: () => process.stdout.write(`position ${runner.positionOf(projection.name)}\n`),
  });
  await runner.start();
};

void main();
