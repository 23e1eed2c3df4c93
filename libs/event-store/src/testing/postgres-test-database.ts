import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** CI runs every store test against the PostgreSQL server too; DATABASE_URL points elsewhere when needed. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

export const freshSchemaName = (prefix = 'lotse_test'): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Drops the schemas a test run created, so runs never see each other's events. */
export const dropSchemas = async (schemas: readonly string[]): Promise<void> => {
  if (schemas.length === 0) return;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
};
