import { randomUUID } from 'node:crypto';
import { chainContent, chainHash, GENESIS_HASH } from '../canonical-json';
import { PgliteDriver } from '../pglite/pglite-driver';
import { acquirePglite, releasePglite } from '../pglite/pglite-database';
import { PostgresDriver } from '../postgres/postgres-driver';
import { anEvent } from '../testing/event-store.contract';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../testing/postgres-test-database';
import { MIGRATION_TABLE, MIGRATIONS } from './schema';
import { SqlDriver } from './sql-driver';
import { SqlEventStore } from './sql-event-store';

/** Events as the store before migration 2 wrote them: data and metadata parsed into jsonb from the hashed text. */
const oldEvents = (streams: number) => {
  const rows: { streamId: string; version: number; content: string; hash: string; eventId: string; type: string; recordedAt: string }[] =
    [];
  for (let s = 0; s < streams; s += 1) {
    const streamId = `pathway-${randomUUID()}`;
    let previous = GENESIS_HASH;
    for (let version = 0; version < 3; version += 1) {
      const event = {
        eventId: randomUUID(),
        type: version === 0 ? 'PathwayOpened' : 'CaseStepRecorded',
        schemaVersion: 1,
        // Numbers and strings jsonb prints otherwise than the canonical form: the backfill must give the hashed bytes.
        data: { note: 'Grüße "quoted"\n😀', amount: 1.5, big: 1e21, list: [0.1, -0, { z: 1, a: null }], version },
        metadata: { actor: 'coach-1', role: 'coach', municipality: 'neuss', causationId: null },
        recordedAt: new Date(Date.UTC(2026, 1, 1, 8, 30) + s * 1000 + version).toISOString(),
      };
      const content = chainContent(streamId, event);
      previous = chainHash(previous, content);
      rows.push({ streamId, version, content, hash: previous, eventId: event.eventId, type: event.type, recordedAt: event.recordedAt });
    }
  }
  return rows;
};

/** A database as migration 1 left it, holding `events` in the old shape. */
const oldDatabase = async (driver: SqlDriver, events: ReturnType<typeof oldEvents>) => {
  await driver.exec(MIGRATION_TABLE);
  await driver.exec(MIGRATIONS[0].sql);
  await driver.query('insert into schema_migrations (version, name) values (1, $1)', [MIGRATIONS[0].name]);
  await driver.query(
    `insert into events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     select s, v, i, t, 1, c::jsonb -> 'data', c::jsonb -> 'metadata', r, h
       from unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::text[]) as u(s, v, i, t, c, r, h)`,
    [
      events.map((e) => e.streamId),
      events.map((e) => e.version),
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.content),
      events.map((e) => e.recordedAt),
      events.map((e) => e.hash),
    ],
  );
  const heads = events.filter((e) => e.version === 2);
  await driver.query('insert into streams (stream_id, version, last_hash) select * from unnest($1::text[], $2::bigint[], $3::text[])', [
    heads.map((h) => h.streamId),
    heads.map((h) => h.version),
    heads.map((h) => h.hash),
  ]);
};

const columnsOf = async (driver: SqlDriver) =>
  (
    await driver.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'events' order by column_name`,
    )
  ).map((r) => r.column_name);

describe.each(['PGlite', 'PostgreSQL'] as const)('migrating a log of the old shape to stored content, on %s', (engine) => {
  const schemas: string[] = [];
  const shared = 'memory://content-backfill';
  const drivers: SqlDriver[] = [];
  let held: Awaited<ReturnType<typeof acquirePglite>> | undefined;
  beforeAll(async () => {
    if (engine === 'PGlite') held = await acquirePglite(shared);
  });
  afterAll(async () => {
    for (const d of drivers) await d.close();
    if (held) await releasePglite(held);
    if (engine === 'PostgreSQL') await dropSchemas(schemas);
  });

  const openDriver = async (schema: string): Promise<SqlDriver> => {
    const driver =
      engine === 'PGlite'
        ? await PgliteDriver.open(shared, schema)
        : await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema });
    drivers.push(driver);
    return driver;
  };

  /** A fresh schema holding `streams` streams of old-shape events. */
  const oldShape = async (streams: number) => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const driver = await openDriver(schema);
    const events = oldEvents(streams);
    await oldDatabase(driver, events);
    return { schema, driver, events };
  };

  it('fills each row with the bytes its hash covers, drops the jsonb columns, and the chains go on', async () => {
    const { schema, driver, events } = await oldShape(3);
    const store = new SqlEventStore(driver, { schema });
    await store.init();

    expect(await columnsOf(driver)).not.toEqual(expect.arrayContaining(['data']));
    expect(await columnsOf(driver)).not.toEqual(expect.arrayContaining(['metadata']));
    const stored = await driver.query<{ content: string; hash: string }>('select content, hash from events order by global_position');
    expect(stored).toEqual(events.map((e) => ({ content: e.content, hash: e.hash })));
    const [first] = await store.readStream(events[0].streamId);
    expect(first.data).toEqual({ note: 'Grüße "quoted"\n😀', amount: 1.5, big: 1e21, list: [0.1, 0, { z: 1, a: null }], version: 0 });
    expect(first).toMatchObject({ eventId: events[0].eventId, type: 'PathwayOpened', recordedAt: events[0].recordedAt });
    // The view keeps SQL by hand easy.
    const [viewed] = await driver.query<{ note: string }>("select data ->> 'note' as note from events_json where event_id = $1", [
      events[0].eventId,
    ]);
    expect(viewed.note).toBe('Grüße "quoted"\n😀');

    await store.append(events[0].streamId, [anEvent('CaseStepRecorded', { kind: 'note' })], { expectedVersion: 2 });
    for (const streamId of new Set(events.map((e) => e.streamId))) expect(await store.verifyStream(streamId)).toEqual([]);
  });

  it('gives a database that ran migration 2 before the view was a migration of its own the view, once', async () => {
    const { schema, driver, events } = await oldShape(1);
    await new SqlEventStore(driver, { schema }).init();
    await driver.exec('drop view events_json');
    await driver.query('delete from schema_migrations where version = 3');

    await new SqlEventStore(driver, { schema }).init();
    const viewed = await driver.query<{ version: number }>("select (data ->> 'version')::int as version from events_json order by 1");
    expect(viewed).toEqual(events.map((e) => ({ version: e.version })));
    expect(await driver.query('select version from schema_migrations order by version')).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
  });

  it('refuses to drop the jsonb columns while any row does not give its stored hash, and changes nothing', async () => {
    const { schema, driver, events } = await oldShape(2);
    const [tampered] = await driver.query<{ p: string }>(
      `update events set data = jsonb_set(data, '{note}', '"changed"') where event_id = $1 returning global_position::text as p`,
      [events[4].eventId],
    );

    await expect(new SqlEventStore(driver, { schema }).init()).rejects.toThrow(
      new RegExp(`1 stored events do not give their stored hash \\(positions ${tampered.p}\\)`),
    );
    expect(await columnsOf(driver)).toEqual(expect.arrayContaining(['data', 'metadata']));
    expect(await columnsOf(driver)).not.toEqual(expect.arrayContaining(['content']));
    expect(await driver.query('select version from schema_migrations')).toEqual([{ version: 1 }]);
  });
});
