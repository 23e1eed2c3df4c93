import { performance } from 'node:perf_hooks';
import type { SqlDriver, SqlTransaction } from '@lotse/event-store/sql/sql-driver';

/** Milliseconds spent, summed over every call since the driver was wrapped. */
export interface DriverTimes {
  /** Statements outside transactions: in a rebuild, the reads of the log (rows parsed included). */
  queryMs: number;
  /** Whole transactions, from taking a connection to the commit: in a rebuild, the read-model batches. */
  transactionMs: number;
  /** The statements inside those transactions; the rest of `transactionMs` is JavaScript (the fold) and begin/commit. */
  transactionQueryMs: number;
  transactions: number;
}

/**
 * A driver that times what passes through it, so a rebuild's seconds can be split into reading
 * the log, the read-model SQL and the fold in between, without touching the library's code.
 */
export const timedDriver = (driver: SqlDriver): { driver: SqlDriver; times: DriverTimes } => {
  const times: DriverTimes = { queryMs: 0, transactionMs: 0, transactionQueryMs: 0, transactions: 0 };
  const timed = async <T>(work: () => Promise<T>, add: (ms: number) => void): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      add(performance.now() - started);
    }
  };
  const inTransaction = (tx: SqlTransaction): SqlTransaction => ({
    query: <Row>(sql: string, params?: readonly unknown[]) =>
      timed(
        () => tx.query<Row>(sql, params),
        (ms) => {
          times.transactionQueryMs += ms;
        },
      ),
    exec: (sql: string) =>
      timed(
        () => tx.exec(sql),
        (ms) => {
          times.transactionQueryMs += ms;
        },
      ),
  });
  return {
    times,
    driver: {
      query: <Row>(sql: string, params?: readonly unknown[]) =>
        timed(
          () => driver.query<Row>(sql, params),
          (ms) => {
            times.queryMs += ms;
          },
        ),
      exec: (sql: string) =>
        timed(
          () => driver.exec(sql),
          (ms) => {
            times.queryMs += ms;
          },
        ),
      transaction: (work) =>
        timed(
          () => driver.transaction((tx) => work(inTransaction(tx))),
          (ms) => {
            times.transactionMs += ms;
            times.transactions += 1;
          },
        ),
      close: () => driver.close(),
    },
  };
};
