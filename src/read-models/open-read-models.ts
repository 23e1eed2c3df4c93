import { EventStoreLocation, PgliteDriver, PostgresDriver, SqlDriver } from '@lotse/event-store';
import {
  InProcessLeaderElection,
  LeaderElection,
  LogOrder,
  MongoLeaderElection,
  MongoReadModelStore,
  NumericLogOrder,
  PostgresLeaderElection,
  ReadModelStore,
  SqlLogOrder,
  SqlReadModelStore,
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
 * store's own PostgreSQL or PGlite, so an embedded directory is never opened twice. There is none
 * (undefined) only beside KurrentDB with the read models on MongoDB, where nothing here needs it.
 */
export const openReadModels = async (
  location: ReadModelLocation | undefined,
  events: EventStoreLocation,
  sideTables: SqlDriver | undefined,
): Promise<ReadModelBackend> => {
  const sql = (): SqlDriver => {
    if (!sideTables) throw new Error('no side-table database is open beside the events');
    return sideTables;
  };
  const logOrder = events.engine === 'kurrentdb' ? new NumericLogOrder() : new SqlLogOrder(sql());
  const where = location ?? sideTableLocation(events);
  switch (where.engine) {
    case 'pglite': {
      const driver = location ? await PgliteDriver.open(where.dir, where.schema) : sql();
      return {
        readModels: new SqlReadModelStore(driver, { ownsDriver: driver !== sideTables }),
        election: new InProcessLeaderElection(where.dir),
        logOrder,
      };
    }
    case 'postgres': {
      const driver = location
        ? await PostgresDriver.open({
            connectionString: where.connectionString,
            schema: where.schema,
            applicationName: 'lotse-read-models',
          })
        : sql();
      return {
        readModels: new SqlReadModelStore(driver, { ownsDriver: driver !== sideTables }),
        election: new PostgresLeaderElection({ connectionString: where.connectionString, namespace: where.schema }),
        logOrder,
      };
    }
    case 'mongodb':
      return { readModels: await MongoReadModelStore.open(where.url), election: new MongoLeaderElection({ url: where.url }), logOrder };
  }
};

const sideTableLocation = (events: EventStoreLocation): ReadModelLocation =>
  events.engine === 'kurrentdb' ? { engine: 'pglite', dir: 'side-tables', schema: 'lotse' } : events;
