import { EventStoreLocation, PgliteDriver, PostgresDriver, SqlDriver } from '@lotse/event-store';
import { join } from 'node:path';

/**
 * The relational database for what is not an event: participants' keys, idempotency records, matching keys.
 * It is the event store's own database when that is PostgreSQL or PGlite (an embedded directory is
 * shared, never opened twice). Beside KurrentDB, which has no tables, it is the embedded
 * database in DATA_DIR, unless the read models are on MongoDB (open-side-store.ts).
 */
export const openSqlDriver = async (location: EventStoreLocation, dataDir: string): Promise<SqlDriver> => {
  switch (location.engine) {
    case 'pglite':
      return PgliteDriver.open(location.dir, location.schema);
    case 'postgres':
      return PostgresDriver.open({
        connectionString: location.connectionString,
        schema: location.schema,
        applicationName: 'lotse-side-tables',
      });
    case 'kurrentdb':
      return PgliteDriver.open(join(dataDir, 'lotse'), 'lotse');
  }
};
