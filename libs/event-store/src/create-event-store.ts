import { EventStore } from './event-store';
import { EventStoreLocation } from './event-store-url';
import { SqlEventStore } from './sql/sql-event-store';
import { PgliteDriver } from './pglite/pglite-driver';
import { PostgresDriver } from './postgres/postgres-driver';
import type { EventStoreOptions } from './event-store-options';

export type { EventStoreOptions } from './event-store-options';

/**
 * Append statements in flight at once on a PostgreSQL server: enough to overlap round trips, few
 * enough that concurrent appends queue briefly and share one statement and one commit.
 */
export const SERVER_APPENDS_IN_FLIGHT = 4;

/** Opens the adapter the location names and makes sure its schema is in place. */
export const createEventStore = async (location: EventStoreLocation, options: EventStoreOptions = {}): Promise<EventStore> => {
  const store = await open(location, options);
  try {
    await store.init();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
};

const open = async (location: EventStoreLocation, options: EventStoreOptions): Promise<EventStore> => {
  switch (location.engine) {
    case 'pglite':
      return new SqlEventStore(await PgliteDriver.open(location.dir, location.schema), { ...options, schema: location.schema });
    case 'postgres':
      return new SqlEventStore(
        await PostgresDriver.open({
          connectionString: location.connectionString,
          schema: location.schema,
          onConnectionError: options.onConnectionError,
        }),
        { appendsInFlight: SERVER_APPENDS_IN_FLIGHT, ...options, schema: location.schema },
      );
    case 'kurrentdb': {
      // Loaded only here: its gRPC client (~200 modules, ~6 MB of heap and ~20 MB resident) would sit
      // unused in every process and thread of a PostgreSQL or PGlite deployment.
      const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store');
      return new KurrentDbEventStore(location.connectionString, options);
    }
  }
};
