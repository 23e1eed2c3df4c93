import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { SqlCopyOut } from '../sql/sql-copy-out';
import { quoteIdent, SqlDriver, SqlTransaction } from '../sql/sql-driver';
import { checkOut } from './checked-out-client';
import { copyOut } from './postgres-copy-out';
import { CheckoutTiming, checkoutTimings } from '../store-timings';

export interface PostgresDriverOptions {
  connectionString: string;
  schema: string;
  maxConnections?: number;
  applicationName?: string;
  /** How long an idle connection stays open (default IDLE_CONNECTION_MS). */
  idleConnectionMs?: number;
  /** Told when a connection dies (idle in the pool or checked out); the pool replaces it on the next query. */
  onConnectionError?: (error: Error) => void;
}

/**
 * How long a connection may sit idle before the pool closes it (pg's default: 10 s). The pool hands
 * out its most recently used connection first, so the rest idle through any lull; after one of 10 s
 * a burst of load had to open them again, each a new backend and its statements prepared anew, in
 * the requests that asked for them: in the bench up to 8 per HTTP process in a row's first second,
 * waits of up to 644 ms on the loaded machine.
 */
const IDLE_CONNECTION_MS = 60_000;

/** Speaks the SQL event store's few needs to a PostgreSQL server through a `pg` pool, and streams COPY output. */
export class PostgresDriver implements SqlDriver, SqlCopyOut {
  /** Connections the pool opened and no statement has used yet: their first checkout waited for the opening. */
  private readonly unused = new WeakSet<object>();

  private constructor(
    private readonly pool: Pool,
    private readonly onConnectionError?: (error: Error) => void,
  ) {
    pool.on('connect', (client) => this.unused.add(client));
  }

  static async open(options: PostgresDriverOptions): Promise<PostgresDriver> {
    const schema = quoteIdent(options.schema);
    const bootstrap = new Pool({ connectionString: options.connectionString, max: 1 });
    // Without a listener, a connection error event ends the process instead of failing the query.
    bootstrap.on('error', () => undefined);
    try {
      await bootstrap.query(`create schema if not exists ${schema}`);
    } catch (error) {
      // Concurrent starts may race on the same new schema; the winner made it, which is all we need.
      if ((error as { code?: string }).code !== '23505') throw error;
    } finally {
      await bootstrap.end();
    }
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 20,
      idleTimeoutMillis: options.idleConnectionMs ?? IDLE_CONNECTION_MS,
      application_name: options.applicationName ?? 'lotse',
      options: `-c search_path=${schema}`,
    });
    pool.on('error', (error) => options.onConnectionError?.(error));
    return new PostgresDriver(pool, options.onConnectionError);
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    // Checked out by hand, not pool.query, to tell the wait for a connection from the statement (store-timings.ts).
    const asked = performance.now();
    const { client, release } = await checkOut(this.pool, this.onConnectionError);
    const got = performance.now();
    let failure: Error | undefined;
    try {
      // Named, so each connection parses and plans a statement once instead of on every call.
      return (await client.query({ name: statementName(sql), text: sql, values: params as unknown[] })).rows as Row[];
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      // As pool.query does: a connection whose statement failed is closed, not handed out again.
      release(failure);
      const opened = this.unused.delete(client);
      if (checkoutTimings.hasSubscribers)
        checkoutTimings.publish({ waitMs: got - asked, heldMs: performance.now() - got, opened } satisfies CheckoutTiming);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const { client, release } = await checkOut(this.pool, this.onConnectionError);
    try {
      await client.query('begin');
      const result = await work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, params as unknown[])).rows as Row[],
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      release();
    }
  }

  copyOut(sql: string, settings: Readonly<Record<string, string>> = {}): AsyncIterable<Buffer> {
    return copyOut(this.pool, sql, settings, this.onConnectionError);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

const names = new Map<string, string>();
const statementName = (sql: string): string => {
  let name = names.get(sql);
  if (!name) {
    name = `lotse_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    names.set(sql, name);
  }
  return name;
};
