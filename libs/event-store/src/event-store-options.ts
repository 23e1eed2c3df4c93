import type { SqlEventStoreOptions } from './sql/sql-event-store';

/** What every adapter may be given besides its location. */
export type EventStoreOptions = Omit<SqlEventStoreOptions, 'schema'> & {
  onConnectionError?: (error: Error) => void;
};
