import { SqlEventStoreOptions } from './sql/sql-event-store';

/** What every adapter accepts besides its location; the SQL adapters also take the schema from the location. */
export type EventStoreOptions = Omit<SqlEventStoreOptions, 'schema'> & {
  onConnectionError?: (error: Error) => void;
};
