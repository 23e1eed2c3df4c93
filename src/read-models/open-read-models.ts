import { EventStoreLocation, PgliteDriver, PostgresDriver, SqlDriver } from '@lotse/event-store';
import {
  InProcessLeaderElection, LeaderElection, LogOrder, MongoLeaderElection, MongoReadModelStore, NumericLogOrder,
  PostgresLeaderElection, ReadModelStore, SqlLogOrder, SqlReadModelStore,
} from '@lotse/projections';
import type { ReadModelLocation } from '../config';

/** Where the read models live and who may feed them: what READ_MODEL_URL (or its absence) comes to. */
export interface ReadModelBackend {
  readModels: ReadModelStore;
  election: LeaderElection;
  logOrder: LogOrder;
}

/**
 * Unset READ_MODEL_URL means the side-table database (`sideTables`, already open): the event
 * store's own PostgreSQL or PGlite, so an embedded directory is never opened twice.
 */
export const openReadModels = async (
  location: ReadModelLocation | undefined, events: EventStoreLocation, sideTables: SqlDriver,
): Promise<ReadModelBackend> => {
  const logOrder = events.engine === 'kurrentdb' ? new NumericLogOrder() : new SqlLogOrder(sideTables);
  const where = location ?? sideTableLocation(events);
  switch (where.engine) {
    case 'pglite': {
      const driver = location ? await PgliteDriver.open(where.dir, where.schema) : sideTables;
      return { readModels: new SqlReadModelStore(driver, { ownsDriver: driver !== sideTables }),
        election: new InProcessLeaderElection(where.dir), logOrder };
    }
    case 'postgres': {
      const driver = location
        ? await PostgresDriver.open({ connectionString: where.connectionString, schema: where.schema, applicationName: 'lotse-read-models' })
        : sideTables;
      return { readModels: new SqlReadModelStore(driver, { ownsDriver: driver !== sideTables }),
        election: new PostgresLeaderElection({ connectionString: where.connectionString, namespace: where.schema }), logOrder };
    }
    case 'mongodb':
      return { readModels: await MongoReadModelStore.open(where.url), election: new MongoLeaderElection({ url: where.url }), logOrder };
  }
};

const sideTableLocation = (events: EventStoreLocation): ReadModelLocation =>
  events.engine === 'kurrentdb' ? { engine: 'pglite', dir: 'side-tables', schema: 'lotse' } : events;
