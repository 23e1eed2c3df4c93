import { Client } from 'pg';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../testing/postgres-test-database';
import { PostgresDriver } from './postgres-driver';

const collect = async (chunks: AsyncIterable<Buffer>): Promise<string> => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
};

/** About 7 MB of text: more than the socket buffers hold, so the server is still sending when the reader stops. */
const LONG_COPY = `copy (select repeat('x', 60) || g from generate_series(1, 100000) g) to stdout`;

/** COPY … TO STDOUT through the driver's pool: bytes in order, settings local, and nothing left behind when the reader stops. */
describe('COPY out on the PostgreSQL server', () => {
  const schema = freshSchemaName();
  const applicationName = `lotse-copy-${schema}`;
  let driver: PostgresDriver;
  let admin: Client;

  beforeAll(async () => {
    // One connection: a COPY that kept it, or a connection lost from the pool, would block every later statement.
    driver = await PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 1, applicationName });
    admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await driver.close();
    await admin.end();
    await dropSchemas([schema]);
  });

  const copiesRunning = async () =>
    (
      await admin.query<{ n: string }>(
        "select count(*)::text as n from pg_stat_activity where application_name = $1 and query ilike 'copy%' and state = 'active'",
        [applicationName],
      )
    ).rows[0].n;

  it('streams the whole output, in order, as the server formats it', async () => {
    const text = await collect(driver.copyOut("copy (select g, 'ü\"' || g from generate_series(1, 20000) g) to stdout with (format csv)"));
    const expected = Array.from({ length: 20_000 }, (_, i) => `${i + 1},"ü""${i + 1}"\n`).join('');
    expect(text).toBe(expected);
  });

  it('applies settings to the statement only, leaving the pooled connection as it was', async () => {
    const setting = "copy (select current_setting('max_parallel_workers_per_gather')) to stdout";
    expect(await collect(driver.copyOut(setting, { max_parallel_workers_per_gather: '0' }))).toBe('0\n');
    const [{ value }] = await driver.query<{ value: string }>("select current_setting('max_parallel_workers_per_gather') as value");
    expect(value).not.toBe('0');
  });

  it('ends the COPY on the server and frees its connection when the reader stops early', async () => {
    let chunks = 0;
    for await (const chunk of driver.copyOut(LONG_COPY)) {
      expect(chunk.length).toBeGreaterThan(0);
      chunks += 1;
      if (chunks === 2) break;
    }
    // The pool's only connection is free again (or replaced): a later statement runs.
    expect(await driver.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    for (let tries = 0; (await copiesRunning()) !== '0'; tries += 1) {
      if (tries === 50) throw new Error('the COPY is still running on the server');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('fails with the server error, and the pool stays usable', async () => {
    await expect(collect(driver.copyOut('copy (select 1 / (g - 3) from generate_series(1, 5) g) to stdout'))).rejects.toMatchObject({
      code: '22012',
    });
    expect(await driver.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
  });
});
