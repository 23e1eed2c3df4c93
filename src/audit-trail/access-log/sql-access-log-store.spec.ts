import { PGlite } from '@electric-sql/pglite';
import { acquirePglite, PgliteDriver, PostgresDriver, releasePglite, SqlDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { randomUUID } from 'node:crypto';
import { AccessEntry, firstBadSeq, firstBrokenLink } from './access-entry';
import { SqlAccessLogStore } from './sql-access-log-store';
import { aRead } from './testing/a-read';

const read = (sub: string): AccessEntry => ({ ...aRead(sub), at: new Date().toISOString() });
const reads = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => read(`${prefix}${i}`));

/** The same contract on both engines: `open` gives one more instance of the service on the same database. */
const contract = (open: () => Promise<SqlAccessLogStore>, driver: () => SqlDriver) => {
  it('stores batches in order, each entry chained to the one before, the first to the empty genesis hash', async () => {
    const store = await open();
    await store.append(reads('a', 3));
    await store.append(reads('b', 2));
    const all = await store.all();
    expect(all.map((r) => r.sub)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    expect(all[0].previousHash).toBe('');
    expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((x, y) => x - y));
    expect(firstBrokenLink(all)).toBeUndefined();
    const [head] = await driver().query<{ seq: string; hash: string }>('select seq::text as seq, hash from access_log_head');
    expect(head).toEqual({ seq: String(all[4].seq), hash: all[4].hash });
  });

  it('chains on the batch another instance wrote since this one last did, and writes nothing twice', async () => {
    const first = await open();
    const second = await open();
    await first.append(reads('a', 2));
    await second.append(reads('b', 2));
    // `first` still knows the head it wrote itself: the database refuses that link and hands it the current one.
    await first.append(reads('c', 2));
    const all = await first.all();
    expect(all.map((r) => r.sub)).toEqual(['a0', 'a1', 'b0', 'b1', 'c0', 'c1']);
    expect(firstBrokenLink(all)).toBeUndefined();
  });

  it('keeps one chain while instances append at the same time', async () => {
    const instances = await Promise.all([open(), open(), open()]);
    await Promise.all(
      instances.map(async (store, i) => {
        for (let batch = 0; batch < 8; batch += 1) await store.append(reads(`i${i}-${batch}-`, 3));
      }),
    );
    const all = await instances[0].all();
    expect(all).toHaveLength(3 * 8 * 3);
    expect(new Set(all.map((r) => r.sub)).size).toBe(all.length);
    expect(firstBrokenLink(all)).toBeUndefined();
  });

  it('records a purge with the removal, and goes on from the last removed hash after it emptied the table', async () => {
    const store = await open();
    await store.append(reads('old', 2));
    const purged = await store.purgeBefore(new Date(Date.now() + 60_000).toISOString(), (removed) => ({
      ...read('lotse'),
      action: 'purge',
      detail: { ...removed },
    }));
    expect(purged.count).toBe(2);
    const [record] = await store.all();
    expect(record).toMatchObject({ sub: 'lotse', action: 'purge', previousHash: purged.lastHash, detail: purged });
    const other = await open();
    await other.append(reads('new', 1));
    const { records, head } = await store.chain();
    expect(records.map((r) => r.sub)).toEqual(['lotse', 'new0']);
    expect(records[1].previousHash).toBe(records[0].hash);
    expect(firstBadSeq(records, head)).toBeUndefined();
  });

  it('answers its records with the head, which a removed tail no longer reaches', async () => {
    const store = await open();
    await store.append(reads('a', 4));
    const intact = await store.chain();
    expect(intact.head).toEqual({ seq: intact.records[3].seq, hash: intact.records[3].hash });
    expect(firstBadSeq(intact.records, intact.head)).toBeUndefined();
    await driver().query('delete from access_log where seq >= $1', [intact.records[2].seq]);
    const cut = await store.chain();
    expect(firstBrokenLink(cut.records)).toBeUndefined();
    expect(firstBadSeq(cut.records, cut.head)).toBe(intact.records[2].seq);
    await driver().query('delete from access_log');
    const emptied = await store.chain();
    expect(firstBadSeq(emptied.records, emptied.head)).toBe(1);
  });

  it('goes on from the last entry when the head row is missing', async () => {
    const store = await open();
    await store.append(reads('a', 2));
    await driver().query('delete from access_log_head');
    await store.append(reads('b', 1));
    await driver().query('delete from access_log_head');
    const reopened = await open();
    await reopened.append(reads('c', 1));
    const all = await reopened.all();
    expect(all.map((r) => r.sub)).toEqual(['a0', 'a1', 'b0', 'c0']);
    expect(firstBrokenLink(all)).toBeUndefined();
  });
};

describe('the access log on PGlite', () => {
  const dir = `memory://access-log-${randomUUID()}`;
  let held: PGlite;
  let driver: PgliteDriver;
  beforeAll(async () => {
    held = await acquirePglite(dir);
  });
  beforeEach(async () => {
    driver = await PgliteDriver.open(dir, freshSchemaName());
  });
  afterEach(() => driver.close());
  afterAll(() => releasePglite(held));
  contract(
    async () => {
      const store = new SqlAccessLogStore(driver);
      await store.init();
      return store;
    },
    () => driver,
  );
});

describe('the access log on the PostgreSQL server', () => {
  const schemas: string[] = [];
  let drivers: PostgresDriver[] = [];
  let schema: string;
  beforeEach(() => {
    schema = freshSchemaName();
    schemas.push(schema);
  });
  afterEach(async () => {
    await Promise.all(drivers.map((d) => d.close()));
    drivers = [];
  });
  afterAll(() => dropSchemas(schemas));
  contract(
    // A pool of its own per instance, as two processes of the service would have.
    async () => {
      const driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 2 });
      drivers.push(driver);
      const store = new SqlAccessLogStore(driver);
      await store.init();
      return store;
    },
    () => drivers[0],
  );
});
