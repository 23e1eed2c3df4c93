import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** CI runs every store test against the PostgreSQL server too; DATABASE_URL points elsewhere when needed. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

export const freshSchemaName = (prefix = 'lotse_test'): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Drops the schemas a test run created, so runs never see each other's events. */
/**
 * A drop can meet a deadlock with a connection of the closed app that PostgreSQL has not yet
 * finished ending (its locks go with it); the next try, a moment later, finds them gone.
 */
const dropWithRetry = async (client: Client, schema: string): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
};

export const dropSchemas = async (schemas: readonly string[]): Promise<void> => {
  if (schemas.length === 0) return;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await dropWithRetry(client, schema);
  } finally {
    await client.end();
  }
};
