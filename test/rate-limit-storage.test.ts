import { PGlite } from '@electric-sql/pglite';
import { PgliteDriver, PostgresDriver, SqlDriver } from '@lotse/event-store';
import { acquirePglite, releasePglite } from '../libs/event-store/src/pglite/pglite-database';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { MemoryRateLimitStorage, SqlRateLimitStorage, ThrottlerStorage } from '../src/http';

const WINDOW_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every rate-limit storage promises: a fixed window per key, counted without losing a hit. */
const rateLimitStorageContract = (open: () => Promise<ThrottlerStorage>) => {
  let storage: ThrottlerStorage;
  let keys = 0;
  const freshKey = () => `test:${Date.now()}-${(keys += 1)}`;
  beforeEach(async () => {
    storage = await open();
  });

  it('counts the hits of a key in its window and refuses past the limit until the window ends', async () => {
    const key = freshKey();
    const records = [];
    for (let hit = 0; hit < 4; hit += 1) records.push(await storage.increment(key, WINDOW_MS, 3, WINDOW_MS, 'test'));
    expect(records.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(records[3].timeToBlockExpire).toBeGreaterThanOrEqual(59);
    expect(records[3].timeToBlockExpire).toBeLessThanOrEqual(60);
    expect(records[0].timeToBlockExpire).toBe(0);
  });

  it('counts each key on its own', async () => {
    const [a, b] = [freshKey(), freshKey()];
    await storage.increment(a, WINDOW_MS, 1, WINDOW_MS, 'test');
    await storage.increment(a, WINDOW_MS, 1, WINDOW_MS, 'test');
    expect((await storage.increment(b, WINDOW_MS, 1, WINDOW_MS, 'test')).totalHits).toBe(1);
  });

  it('starts a new window, from zero, once the last one has ended', async () => {
    const key = freshKey();
    await storage.increment(key, 300, 1, 300, 'test');
    expect((await storage.increment(key, 300, 1, 300, 'test')).isBlocked).toBe(true);
    await sleep(400);
    expect(await storage.increment(key, 300, 1, 300, 'test')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('loses no hit under concurrent increments', async () => {
    const key = freshKey();
    const records = await Promise.all(Array.from({ length: 30 }, () => storage.increment(key, WINDOW_MS, 100, WINDOW_MS, 'test')));
    expect(records.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n + 1));
  });
};

describe('rate-limit storage in memory', () => {
  rateLimitStorageContract(async () => new MemoryRateLimitStorage());
});

describe('rate-limit storage in PGlite', () => {
  const shared = 'memory://rate-limit-storage';
  let held: PGlite;
  const schema = freshSchemaName();
  beforeAll(async () => {
    held = await acquirePglite(shared);
  });
  afterAll(() => releasePglite(held));
  rateLimitStorageContract(async () => SqlRateLimitStorage.open(await PgliteDriver.open(shared, schema)));
});

describe('rate-limit storage on the PostgreSQL server (DATABASE_URL)', () => {
  const schema = freshSchemaName();
  const drivers: SqlDriver[] = [];
  const openDriver = async () => {
    const driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema, applicationName: 'lotse-rate-limit-test' });
    drivers.push(driver);
    return driver;
  };
  afterAll(async () => {
    await Promise.all(drivers.map((driver) => driver.close()));
    await dropSchemas([schema]);
  });
  rateLimitStorageContract(async () => SqlRateLimitStorage.open(await openDriver()));

  it('shares one count between two instances, each with its own connections, losing no hit', async () => {
    const [first, second]: ThrottlerStorage[] = await Promise.all([
      openDriver().then((d) => SqlRateLimitStorage.open(d)),
      openDriver().then((d) => SqlRateLimitStorage.open(d)),
    ]);
    const key = `shared:${Date.now()}`;
    const records = await Promise.all(
      Array.from({ length: 40 }, (_, n) => (n % 2 ? first : second).increment(key, WINDOW_MS, 35, WINDOW_MS, 'test')),
    );
    expect(records.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    expect(records.filter((r) => r.isBlocked)).toHaveLength(5);
  });
});
