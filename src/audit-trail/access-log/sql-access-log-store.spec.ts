import { PGlite } from '@electric-sql/pglite';
import { acquirePglite, chainHash, PgliteDriver, PostgresDriver, releasePglite, SqlDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '@lotse/event-store/testing/postgres-test-database';
import { randomUUID } from 'node:crypto';
import { AccessEntry, firstBadSeq, firstBrokenLink } from './access-entry';
import { accessEntryJson } from './access-entry-json';
import { SqlAccessLogStore } from './sql-access-log-store';
import { accessRecordsSql } from './sql-access-query';
import { accessLogStoreContract, read, reads } from './testing/access-log-store.contract';

/**
 * A log of a row per entry as an earlier version wrote it, with a chain of `entries` at `seqs` (consecutive unless
 * given): `wide` with the people and municipalities beside the entry and the hashes as hex, else narrow (bytes).
 */
const writeOldLog = async (sql: SqlDriver, shape: 'wide' | 'narrow', entries: readonly AccessEntry[], seqs?: number[]) => {
  const hashType = shape === 'wide' ? 'text' : 'bytea';
  await sql.exec(`
    create table access_log (
      seq bigserial primary key, at timestamptz not null, sub text not null,
      ${shape === 'wide' ? 'participant_ids jsonb not null, municipalities jsonb not null,' : ''}
      entry jsonb not null, previous_hash ${hashType} not null, hash ${hashType} not null
    );
    create index access_log_at on access_log (at);`);
  let previous = '';
  const rows = entries.map((entry, i) => {
    const hash = chainHash(previous, accessEntryJson(entry));
    const row = { seq: seqs?.[i] ?? i + 1, entry, previousHash: previous, hash };
    previous = hash;
    return row;
  });
  const hex = (field: string) => (shape === 'wide' ? `r->>'${field}'` : `decode(r->>'${field}', 'hex')`);
  await sql.query(
    `insert into access_log (seq, at, sub, ${shape === 'wide' ? 'participant_ids, municipalities, ' : ''}entry, previous_hash, hash)
     select (r->>'seq')::bigint, (r->'entry'->>'at')::timestamptz, r->'entry'->>'sub',
            ${shape === 'wide' ? "r->'entry'->'participantIds', r->'entry'->'municipalities'," : ''}
            r->'entry', ${hex('previousHash')}, ${hex('hash')}
     from jsonb_array_elements($1::jsonb) r`,
    [JSON.stringify(rows)],
  );
  await sql.query('insert into access_log_head (id, seq, hash) values (1, $1, $2)', [rows.at(-1)?.seq ?? 0, previous]);
};

/** Where an entry of the log sits: its batch row and its place in the batch's entries. */
const placeOf = async (sql: SqlDriver, seq: number): Promise<{ firstSeq: number; index: number }> => {
  const [row] = await sql.query<{ first_seq: string; index: number }>(
    `select b.first_seq::text as first_seq, (e.n - 1)::int as index
     from access_log_batch b cross join lateral json_array_elements(b.entries) with ordinality as e(item, n)
     where (e.item->>'seq')::bigint = $1`,
    [seq],
  );
  return { firstSeq: Number(row.first_seq), index: row.index };
};

/** Changes the batch row holding entry `seq`: its entries as jsonb (`entries`) replaced by what `edit` makes of them. */
const editBatchOf = async (sql: SqlDriver, seq: number, edit: (index: number) => string) => {
  const { firstSeq, index } = await placeOf(sql, seq);
  await sql.query(`update access_log_batch set entries = (${edit(index)})::json where first_seq = $1`, [firstSeq]);
};

/** The same contract on both engines: `open` gives one more instance of the service on the same database. */
const sqlContract = (open: () => Promise<SqlAccessLogStore>, driver: () => SqlDriver) => {
  accessLogStoreContract(open);

  it('writes a batch as one row, holding what the queries find it by', async () => {
    const store = await open();
    await store.append([
      read('a', '2026-03-01T10:00:00.000Z'),
      read('b', '2026-03-01T10:00:00.020Z'),
      read('a', '2026-03-01T10:00:00.010Z'),
    ]);
    const rows = await driver().query<Record<string, unknown>>(
      `select first_seq::int as first_seq, last_seq::int as last_seq, at_from, at_to, subs, participant_ids,
              json_array_length(entries) as entries from access_log_batch`,
    );
    expect(rows).toEqual([
      {
        first_seq: 1,
        last_seq: 3,
        at_from: new Date('2026-03-01T10:00:00.000Z'),
        at_to: new Date('2026-03-01T10:00:00.020Z'),
        subs: ['a', 'b'],
        participant_ids: ['p-a', 'p-b'],
        entries: 3,
      },
    ]);
    const [head] = await driver().query<{ seq: string; hash: string }>('select seq::text as seq, hash from access_log_head');
    expect(head).toEqual({ seq: '3', hash: (await store.all())[2].hash });
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
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
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
    expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
    expect(firstBrokenLink(all)).toBeUndefined();
  });

  describe('tampering, caught by the chain walk at the right seq', () => {
    const tampered = async (store: SqlAccessLogStore) => {
      const { records, head } = await store.chain();
      return firstBadSeq(records, head);
    };
    let store: SqlAccessLogStore;
    beforeEach(async () => {
      store = await open();
      await store.append(reads('a', 3));
      await store.append(reads('b', 3));
      await store.append(reads('c', 3));
      expect(await tampered(store)).toBeUndefined();
    });

    it('an entry altered inside its batch: at that entry', async () => {
      await editBatchOf(driver(), 5, (i) => `jsonb_set(entries::jsonb, '{${i},entry,sub}', '"someone-else"')`);
      expect(await tampered(store)).toBe(5);
    });

    it("an entry's stored hash replaced: at that entry", async () => {
      await editBatchOf(driver(), 4, (i) => `jsonb_set(entries::jsonb, '{${i},hash}', to_jsonb(repeat('0', 64)))`);
      expect(await tampered(store)).toBe(4);
    });

    it('an entry removed from inside its batch: at the one after it', async () => {
      await editBatchOf(driver(), 5, (i) => `entries::jsonb - ${i}`);
      expect(await tampered(store)).toBe(6);
    });

    it('two entries of a batch swapped: at the first of them', async () => {
      await editBatchOf(
        driver(),
        5,
        (i) => `jsonb_set(jsonb_set(entries::jsonb, '{${i}}', entries::jsonb->${i + 1}), '{${i + 1}}', entries::jsonb->${i})`,
      );
      expect(await tampered(store)).toBe(6);
    });

    it('a batch deleted: at the first entry after it', async () => {
      await driver().query('delete from access_log_batch where first_seq = 4');
      expect(await tampered(store)).toBe(7);
    });

    it('two batches swapped in the order: at the first entry out of place', async () => {
      await driver().query('update access_log_batch set first_seq = -first_seq where first_seq in (4, 7)');
      await driver().query('update access_log_batch set first_seq = case first_seq when -4 then 7 else 4 end where first_seq < 0');
      expect(await tampered(store)).toBe(7);
    });

    it('batches deleted at the end: at the first seq after the last one left, which falls short of the head', async () => {
      await driver().query('delete from access_log_batch where first_seq >= 4');
      expect(firstBrokenLink(await store.all())).toBeUndefined();
      expect(await tampered(store)).toBe(4);
      await driver().query('delete from access_log_batch');
      expect(await tampered(store)).toBe(1);
    });

    it("the last entry cut from the last batch: at that entry's seq, which the head still names", async () => {
      await editBatchOf(driver(), 9, (i) => `entries::jsonb - ${i}`);
      expect(await tampered(store)).toBe(9);
    });
  });

  it.each(['wide', 'narrow'] as const)(
    'moves a log of a row per entry (%s) into batch rows, every record, seq and link as it was, and chains on from it',
    async (shape) => {
      // A gap in the seqs (a sequence value a failed insert used) and more entries than a batch row takes.
      const before = reads('w', 503);
      const seqs = before.map((_, i) => (i < 2 ? i + 1 : i + 5));
      await open(); // only for its database: the old version's tables take the place of the ones it made
      await driver().exec('drop table access_log_batch; delete from access_log_head');
      await writeOldLog(driver(), shape, before, seqs);
      const store = await open();
      const migrated = await store.chain();
      expect(migrated.records.map(({ seq: _seq, previousHash: _p, hash: _h, ...entry }) => entry)).toEqual(before);
      expect(migrated.records.map((r) => r.seq)).toEqual(seqs);
      expect(firstBadSeq(migrated.records, migrated.head)).toBeUndefined();
      const batches = await driver().query<{ first_seq: string; last_seq: string }>(
        'select first_seq::text as first_seq, last_seq::text as last_seq from access_log_batch b order by b.first_seq',
      );
      expect(batches).toEqual([
        { first_seq: '1', last_seq: '2' },
        { first_seq: '7', last_seq: '506' },
        { first_seq: '507', last_seq: '507' },
      ]);
      const [old] = await driver().query<{ exists: boolean }>(
        "select exists (select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'access_log') as exists",
      );
      expect(old.exists).toBe(false);
      await store.append(reads('n', 1));
      const { records, head } = await store.chain();
      expect(records.at(-1)).toMatchObject({ sub: 'n0', seq: 508 });
      expect(firstBadSeq(records, head)).toBeUndefined();
      expect((await store.query({ participantId: 'p-w1', limit: 10, offset: 0 })).items.map((r) => r.seq)).toEqual([2]);
      expect((await store.query({ actor: 'w502', limit: 10, offset: 0 })).items.map((r) => r.seq)).toEqual([507]);
    },
  );

  it('finds reads by person, actor and time through an index on the batch rows, not by reading the whole log', async () => {
    const store = await open();
    await store.append(reads('a', 20));
    const planOf = (query: Parameters<typeof accessRecordsSql>[0]) =>
      driver().transaction(async (tx) => {
        // A table this small is read whole when allowed; forbidding that shows whether an index can answer.
        await tx.query('set local enable_seqscan = off');
        const { records, params } = accessRecordsSql(query);
        const rows = await tx.query<Record<string, string>>(`explain select * from ${records} order by seq desc limit 50`, params);
        return rows.map((row) => Object.values(row)[0]).join('\n');
      });
    expect(await planOf({ participantId: 'p-a3' })).toContain('access_log_batch_participants');
    expect(await planOf({ actor: 'a3' })).toContain('access_log_batch_subs');
    expect(await planOf({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).toContain('access_log_batch_at_range');
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
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
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
  sqlContract(
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
  sqlContract(
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
