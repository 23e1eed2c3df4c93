import type { AppendWakeups } from './append-wakeups';

/** The little that the SQL event store needs from a PostgreSQL driver; PGlite and pg differ only here. */
export interface SqlDriver {
  /**
   * Present when no other process can write to this database (PGlite): every store on it shares
   * these wake-ups, so their subscriptions hear of every append and need to poll only rarely.
   */
  readonly sharedAppendWakeups?: AppendWakeups;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` inside one transaction on one connection. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type SqlTransaction = Pick<SqlDriver, 'query' | 'exec'>;

/** PostgreSQL reports errors with a SQLSTATE in `code`; both drivers pass it through. */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

/** Schema names come from configuration, never from users; still, only plain identifiers pass. */
export const quoteIdent = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name ${JSON.stringify(name)}`);
  return `"${name}"`;
};

/**
 * A lost connection (server restart, killed backend, network blip) rather than a refusal.
 * Such a statement may or may not have committed; callers retry only what is idempotent.
 */
export const isConnectionLost = (error: unknown): boolean => {
  const state = sqlState(error) ?? '';
  if (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03') return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|ECONNRESET|ECONNREFUSED|EPIPE|Client has encountered a connection error|not queryable/i.test(message);
};
