import { Client } from 'pg';
import { chainContent } from '../canonical-json';
import { anEvent, subscribeUntil } from '../testing/event-store.contract';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../testing/postgres-test-database';
import { SqlEventStore } from '../sql/sql-event-store';
import { PostgresDriver } from './postgres-driver';

/**
 * What only a server with many connections can show: a transaction that commits after a
 * higher position became visible, and a subscriber whose connection is killed.
 */
describe('subscription on the PostgreSQL server', () => {
  const schema = freshSchemaName();
  const applicationName = `lotse-sub-${schema}`;
  let store: SqlEventStore;
  let intruder: Client;

  const connect = async () => {
    const client = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    return client;
  };
  /** One append through the store's own function, on a connection whose transaction the test holds open. */
  const appendOn = (client: Client, stream: string, type: string) => {
    const event = { ...anEvent(type), recordedAt: new Date().toISOString() };
    return client.query('select * from lotse_append_batch($1, $2, $3, $4, $5, $6, $7, $8)', [
      [stream],
      [-1],
      [1],
      [chainContent(stream, event)],
      [event.eventId],
      [event.type],
      [event.schemaVersion],
      [event.recordedAt],
    ]);
  };

  beforeAll(async () => {
    store = new SqlEventStore(await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema, applicationName }), {
      schema,
      pollIntervalMs: 20,
    });
    await store.init();
    intruder = await connect();
  });
  afterAll(async () => {
    await intruder.end();
    await store.close();
    await dropSchemas([schema]);
  });

  it.each([
    ['took its position first', false],
    ['took its transaction id first, its position later', true],
  ])('never skips an event whose transaction commits late (it %s)', async (_, xidFirst) => {
    const slow = await connect();
    try {
      const subscription = subscribeUntil(
        store,
        2,
        (await store.append('warm-up-' + schema + xidFirst, [anEvent()], { expectedVersion: 'any' })).position,
      );
      await slow.query('begin');
      if (xidFirst) await slow.query('select pg_current_xact_id()');
      if (!xidFirst) await appendOn(slow, `slow-${xidFirst}`, 'Slow');
      const fast = await store.append(`fast-${xidFirst}`, [anEvent('Fast')], { expectedVersion: 'any' });
      if (xidFirst) await appendOn(slow, `slow-${xidFirst}`, 'Slow');
      await new Promise((r) => setTimeout(r, 300));
      // While the slow transaction runs, the fast event must wait: delivering it would move the
      // subscriber past the slow event's place in the log.
      expect(subscription.received).toHaveLength(0);
      await slow.query('commit');
      const received = await subscription.done;
      expect(received.map((e) => e.type).sort()).toEqual(['Fast', 'Slow']);
      expect(received.find((e) => e.type === 'Fast')?.globalPosition).toBe(fast.position);
    } finally {
      await slow.end();
    }
  });

  it('reconnects after its connections are killed and goes on from its last event', async () => {
    const start = (await store.append(`before-${schema}`, [anEvent()], { expectedVersion: 'any' })).position;
    const subscription = subscribeUntil(store, 40, start);
    for (let n = 0; n < 20; n += 1) await store.append(`kill-${schema}`, [anEvent('CaseStepRecorded', { n })], { expectedVersion: 'any' });
    while (subscription.received.length < 20) await new Promise((r) => setTimeout(r, 20));
    const killed = await intruder.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
      applicationName,
    ]);
    expect(killed.rowCount).toBeGreaterThan(0);
    for (let n = 20; n < 40; n += 1) {
      // Appends share the killed pool: they must get through on fresh connections by themselves.
      await store.append(`kill-${schema}`, [anEvent('CaseStepRecorded', { n })], { expectedVersion: 'any' });
    }
    const received = await subscription.done;
    expect(received.map((e) => e.data.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  it('narrowed to positions and hashes, gives those of subscribeAll in the same order, then the next live one', async () => {
    const start = (await store.append(`hashes-${schema}`, [anEvent()], { expectedVersion: 'any' })).position;
    await store.append(`hashes-${schema}`, [anEvent(), anEvent()], { expectedVersion: 'any' });
    const whole = await subscribeUntil(store, 2, start).done;
    const abort = new AbortController();
    const narrow: unknown[] = [];
    const reading = (async () => {
      for await (const item of store.subscribeHashes({ fromPosition: start, signal: abort.signal })) {
        narrow.push(item);
        if (narrow.length === 3) abort.abort();
      }
    })();
    const live = await store.append(`hashes-${schema}`, [anEvent()], { expectedVersion: 'any' });
    await reading;
    const [last] = await store.readStream(`hashes-${schema}`, { direction: 'backwards', maxCount: 1 });
    expect(narrow).toEqual([
      ...whole.map((e) => ({ globalPosition: e.globalPosition, hash: e.hash })),
      { globalPosition: live.position, hash: last.hash },
    ]);
  });
});
