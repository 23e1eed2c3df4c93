import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { WrongExpectedVersionError } from './errors';
import { PostgresDriver } from './postgres/postgres-driver';
import { SqlEventStore } from './sql/sql-event-store';
import { APPEND_TIMINGS, AppendTiming, CHECKOUT_TIMINGS, CheckoutTiming } from './store-timings';
import { anEvent } from './testing/event-store.contract';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from './testing/postgres-test-database';

/** What the store publishes about its appends and its pool's checkouts, for the bench's split of a request's time. */
describe('store timings on the PostgreSQL server', () => {
  const schema = freshSchemaName();
  const appends: AppendTiming[] = [];
  const checkouts: CheckoutTiming[] = [];
  const onAppend = (message: unknown) => appends.push(message as AppendTiming);
  const onCheckout = (message: unknown) => checkouts.push(message as CheckoutTiming);
  let driver: PostgresDriver;
  let store: SqlEventStore;

  beforeAll(async () => {
    // One connection: every statement after the first reuses it.
    driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 1 });
    store = new SqlEventStore(driver, { schema });
    await store.init();
    subscribe(APPEND_TIMINGS, onAppend);
    subscribe(CHECKOUT_TIMINGS, onCheckout);
  });
  afterAll(async () => {
    unsubscribe(APPEND_TIMINGS, onAppend);
    unsubscribe(CHECKOUT_TIMINGS, onCheckout);
    await store.close();
    await dropSchemas([schema]);
  });
  beforeEach(() => {
    appends.length = 0;
    checkouts.length = 0;
  });

  it('publishes each append statement: its appends, their time queued, the write and the appends refused', async () => {
    await store.append('pathway-timed', [anEvent()], { expectedVersion: 'no_stream' });
    await expect(store.append('pathway-timed', [anEvent()], { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(appends.map((a) => [a.queuedMs.length, a.refused])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    for (const a of appends) {
      expect(a.writeMs).toBeGreaterThan(0);
      expect(a.queuedMs[0]).toBeGreaterThanOrEqual(0);
    }
  });

  it('publishes every checkout of a pooled connection, the pool usable after a failed statement', async () => {
    await expect(driver.query('select 1 / 0')).rejects.toMatchObject({ code: '22012' });
    expect(await driver.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    expect(checkouts).toHaveLength(2);
    // The failed statement's connection was closed (as pool.query does), so the next one was opened for it.
    expect(checkouts.map((c) => c.opened)).toEqual([false, true]);
    for (const c of checkouts) {
      expect(c.waitMs).toBeGreaterThanOrEqual(0);
      expect(c.heldMs).toBeGreaterThan(0);
    }
  });

  it('keeps an idle connection open through a lull, and closes it after the idle time given', async () => {
    const lull = () => new Promise((resolve) => setTimeout(resolve, 400));
    const briefly = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 1, idleConnectionMs: 100 });
    try {
      await driver.query('select 1');
      await briefly.query('select 1');
      checkouts.length = 0;
      await lull();
      await driver.query('select 1');
      await briefly.query('select 1');
      expect(checkouts.map((c) => c.opened)).toEqual([false, true]);
    } finally {
      await briefly.close();
    }
  });
});
