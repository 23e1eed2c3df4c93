import { PGlite } from '@electric-sql/pglite';
import { acquirePglite, chainHash, PgliteDriver, PostgresDriver, releasePglite, SqlDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { randomUUID } from 'node:crypto';
import { AccessEntry, firstBadSeq, firstBrokenLink } from './access-entry';
import { accessEntryJson } from './access-entry-json';
import { accessFilter, SqlAccessLogStore } from './sql-access-log-store';
import { aRead } from './testing/a-read';

const read = (sub: string): AccessEntry => ({ ...aRead(sub), at: new Date().toISOString() });
const reads = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => read(`${prefix}${i}`));

/** The table as it was before its rows were narrowed, filled with a chain of `entries`. */
const writeWideLog = async (sql: SqlDriver, entries: readonly AccessEntry[]): Promise<void> => {
  await sql.exec(`
    create table access_log (
      seq bigserial primary key, at timestamptz not null, sub text not null, participant_ids jsonb not null,
      municipalities jsonb not null, entry jsonb not null, previous_hash text not null, hash text not null
    );
    create index access_log_at on access_log (at);
    create index access_log_participant_ids on access_log using gin (participant_ids jsonb_path_ops);
    create table access_log_head (id integer primary key check (id = 1), seq bigint not null, hash text not null);`);
  let previous = '';
  for (const entry of entries) {
    const hash = chainHash(previous, accessEntryJson(entry));
    await sql.query(
      `insert into access_log (at, sub, participant_ids, municipalities, entry, previous_hash, hash)
       values ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6, $7)`,
      [
        entry.at,
        entry.sub,
        JSON.stringify(entry.participantIds),
        JSON.stringify(entry.municipalities),
        accessEntryJson(entry),
        previous,
        hash,
      ],
    );
    previous = hash;
  }
  await sql.query('insert into access_log_head (id, seq, hash) values (1, $1, $2)', [entries.length, previous]);
};

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

  it('narrows a log written in the wide rows of before, every record and link as it was, and chains on from it', async () => {
    const before = reads('w', 3);
    await open(); // only for its database: the old version's tables take the place of the ones it made
    await driver().exec('drop table access_log, access_log_head');
    await writeWideLog(driver(), before);
    const store = await open();
    const migrated = await store.chain();
    expect(migrated.records.map(({ seq: _seq, previousHash: _p, hash: _h, ...entry }) => entry)).toEqual(before);
    expect(firstBadSeq(migrated.records, migrated.head)).toBeUndefined();
    await store.append(reads('n', 1));
    const { records, head } = await store.chain();
    expect(firstBadSeq(records, head)).toBeUndefined();
    expect((await store.query({ participantId: 'p-w1', limit: 10, offset: 0 })).items.map((r) => r.sub)).toEqual(['w1']);
    const columns = await driver().query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns
       where table_schema = current_schema() and table_name = 'access_log' order by ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'seq bigint',
      'at timestamp with time zone',
      'sub text',
      'entry jsonb',
      'previous_hash bytea',
      'hash bytea',
    ]);
  });

  it('finds reads by person, actor and time through an index, not by reading the whole log', async () => {
    const store = await open();
    await store.append(reads('a', 20));
    const planOf = (query: Parameters<typeof accessFilter>[0]) =>
      driver().transaction(async (tx) => {
        // A table this small is read whole when allowed; forbidding that shows whether an index can answer.
        await tx.query('set local enable_seqscan = off');
        const { filter, params } = accessFilter(query);
        const rows = await tx.query<Record<string, string>>(`explain select seq from access_log ${filter}`, params);
        return rows.map((row) => Object.values(row)[0]).join('\n');
      });
    expect(await planOf({ participantId: 'p-a3' })).toContain('access_log_participants');
    expect(await planOf({ actor: 'a3' })).toContain('access_log_sub');
    expect(await planOf({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).toContain('access_log_at_range');
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
