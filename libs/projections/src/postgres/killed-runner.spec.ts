import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PostgresDriver, SqlEventStore } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { InProcessLeaderElection } from '../leader-election';
import { ProjectionRunner } from '../projection-runner';
import { SqlLogOrder } from '../sql/sql-log-order';
import { SqlReadModelStore } from '../sql/sql-read-model-store';
import { appendHistory, foldLog, headOf, pathwaySummary } from '../testing/pathway-summary.projection';

const ROOT = join(__dirname, '../../../..');
const CHILD = join(__dirname, '../testing/projection-runner-child.ts');

describe('a projection runner killed in the middle of a batch (PostgreSQL server)', () => {
  const schema = freshSchemaName();
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await dropSchemas([schema]);
  });

  it('loses and doubles nothing: the next runner goes on from the last committed batch', async () => {
    const driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
    const store = new SqlEventStore(driver, { schema, pollIntervalMs: 10 });
    await store.init();
    const events = await appendHistory(store, 400);
    const head = await headOf(store);

    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const running = spawn(process.execPath, ['--no-warnings', '-r', '@swc-node/register', CHILD, TEST_DATABASE_URL, schema], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = running;
    let batches = 0;
    await new Promise<void>((resolve, reject) => {
      running.once('exit', (code) => reject(new Error(`runner exited early with ${code}`)));
      running.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        batches += chunk.split('\n').filter((line) => line.startsWith('position ')).length;
        // Well into the work, with the next batch's transaction open: batches follow each other without a pause.
        if (batches >= 10) resolve();
      });
    });
    running.removeAllListeners('exit');
    const killed = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await killed;

    const readModels = new SqlReadModelStore(driver);
    const stoppedAt = await readModels.checkpoint('pathway_summary');
    expect(stoppedAt).not.toBe(0);
    expect(stoppedAt).not.toBe(head);

    // The killed session's advisory lock went with it; an in-process election suffices for the one runner left.
    const next = new ProjectionRunner({
      store,
      readModels,
      projections: [pathwaySummary()],
      election: new InProcessLeaderElection(schema),
      logOrder: new SqlLogOrder(driver),
      batchSize: 500,
    });
    await next.start();
    try {
      expect(await next.waitFor('pathway_summary', head, 60_000)).toBe(true);
    } finally {
      await next.stop();
    }
    expect(events).toBeGreaterThan(3_000);
    expect(await readModels.all('pathway_summary')).toEqual(await foldLog(store, pathwaySummary()));
    await store.close();
  });
});
