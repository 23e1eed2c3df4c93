import { PostgresDriver, SqlDriver } from '@lotse/event-store';
import { dropSchemas, freshSchemaName, TEST_DATABASE_URL } from '../libs/event-store/src/testing/postgres-test-database';
import { SqlReadModelStore } from '@lotse/projections';
import { MerkleTreeStore } from '../src/audit-log/tree/merkle-tree-store';
import { SqlMatchKeyStore } from '../src/duplicates/sql-match-key-store';
import { SqlIdempotencyRecords } from '../src/http/idempotency/sql-idempotency-records';
import { SqlRateLimitStorage } from '../src/http/rate-limits/sql-rate-limit-storage';
import { SqlKeyStore } from '../src/personal-data/sql-key-store';
import { PROJECTIONS } from '../src/projections';

/**
 * Every process of a cluster (and the projection thread) creates the tables it needs at its start.
 * On a fresh database two concurrent `create table if not exists` of one table collide in
 * PostgreSQL's catalogue (a duplicate key in pg_type) unless the creations take turns.
 */
const PROCESSES = 4;
const ROUNDS = 3;

const setUpEverything = async (driver: SqlDriver): Promise<void> => {
  await Promise.all([
    new MerkleTreeStore(driver).init(),
    new SqlKeyStore(driver).init(),
    new SqlMatchKeyStore(driver).init(),
    new SqlIdempotencyRecords(driver).init(),
    SqlRateLimitStorage.open(driver),
    ...PROJECTIONS.map((p) => new SqlReadModelStore(driver).init(p)),
  ]);
};

describe('schema set-up on a fresh PostgreSQL schema by several processes at once', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i: every start succeeds and the tables exist once', async () => {
    const schema = freshSchemaName('lotse_schema_setup');
    schemas.push(schema);
    const drivers = await Promise.all(
      Array.from({ length: PROCESSES }, () => PostgresDriver.open({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 })),
    );
    try {
      const results = await Promise.allSettled(drivers.map(setUpEverything));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const [{ count }] = await drivers[0].query<{ count: string }>(
        `select count(*)::text as count from information_schema.tables where table_schema = $1 and table_name = 'audit_leaves'`,
        [schema],
      );
      expect(count).toBe('1');
    } finally {
      await Promise.all(drivers.map((d) => d.close()));
    }
  });
});
