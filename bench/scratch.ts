/**
 * What every section on the PostgreSQL server needs: a schema of its own, named afresh each run,
 * and a drop of it that runs exactly once, whether the section ends or Ctrl-C comes first.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// Imported file by file: the package index also loads the KurrentDB adapter, which the bench does not need.
import { SqlEventStore } from '@lotse/event-store/sql/sql-event-store';
import { PostgresDriver } from '@lotse/event-store/postgres/postgres-driver';
import { SERVER_APPENDS_IN_FLIGHT } from '@lotse/event-store/create-event-store';

/** Cleanups run from `finally` and from Ctrl-C; whichever comes first does the work. */
export const once = (fn: () => Promise<void>): (() => Promise<void>) => {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
};

export const scratchSchemaName = (prefix: string): string => `${prefix}_${randomBytes(4).toString('hex')}`;

/** One short-lived connection outside any pool, for set-up and clean-up statements. */
export const withAdmin = async <T>(databaseUrl: string, work: (admin: Client) => Promise<T>): Promise<T> => {
  const admin = new Client({ connectionString: databaseUrl, application_name: 'lotse-bench' });
  try {
    await admin.connect();
    return await work(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
};

export const dropSchema = (databaseUrl: string, schema: string): Promise<void> =>
  withAdmin(databaseUrl, async (admin) => {
    await admin.query(`drop schema if exists ${schema} cascade`);
  });

export interface ScratchStore {
  store: SqlEventStore;
  driver: PostgresDriver;
  schema: string;
  /** Closes the pool and drops the schema; safe to call twice. */
  cleanup: () => Promise<void>;
}

/**
 * The real event store in a fresh schema of the server. `beforeDrop` runs on the admin connection
 * once the pool is closed, e.g. to read the table statistics its backends flushed on exit.
 */
export const openScratchStore = async (options: {
  databaseUrl: string;
  prefix: string;
  maxConnections?: number;
  beforeDrop?: (admin: Client, schema: string) => Promise<void>;
}): Promise<ScratchStore> => {
  const schema = scratchSchemaName(options.prefix);
  const drop = () =>
    withAdmin(options.databaseUrl, async (admin) => {
      await options.beforeDrop?.(admin, schema);
      await admin.query(`drop schema if exists ${schema} cascade`);
    });
  const driver = await PostgresDriver.open({
    connectionString: options.databaseUrl,
    schema,
    maxConnections: options.maxConnections,
    applicationName: 'lotse-bench',
  });
  const store = new SqlEventStore(driver, {
    schema,
    appendsInFlight: Number(process.env.BENCH_APPENDS_IN_FLIGHT) || SERVER_APPENDS_IN_FLIGHT,
  });
  try {
    await store.init();
  } catch (error) {
    await store.close().catch(() => undefined);
    await drop().catch(() => undefined);
    throw error;
  }
  return {
    store,
    driver,
    schema,
    cleanup: once(async () => {
      await store.close().catch(() => undefined);
      await drop();
    }),
  };
};
