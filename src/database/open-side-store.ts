import type { EventStoreLocation } from '@lotse/event-store';
import type { ReadModelLocation } from '../config';
import { openSqlDriver } from './open-sql-driver';
import { SideStore } from './side-store';

/**
 * KurrentDB has no tables for the side stores. When the read models are on MongoDB, the side
 * stores go there too (the database named in READ_MODEL_URL); otherwise they stay in the SQL
 * database beside the events, the embedded one in DATA_DIR when the events are on KurrentDB.
 */
export const mongoSideStoreUrl = (events: EventStoreLocation, readModels: ReadModelLocation | undefined): string | undefined =>
  events.engine === 'kurrentdb' && readModels?.engine === 'mongodb' ? readModels.url : undefined;

export const openSideStore = async (config: {
  EVENT_STORE_URL: EventStoreLocation;
  READ_MODEL_URL: ReadModelLocation | undefined;
  DATA_DIR: string;
}): Promise<SideStore> => {
  const mongoUrl = mongoSideStoreUrl(config.EVENT_STORE_URL, config.READ_MODEL_URL);
  if (mongoUrl === undefined) return { engine: 'sql', driver: await openSqlDriver(config.EVENT_STORE_URL, config.DATA_DIR) };
  // Loaded here, not on import: a deployment without MongoDB never loads its driver.
  const { connectSideStore } = await import('./mongo-side-store');
  return { engine: 'mongodb', connection: await connectSideStore(mongoUrl) };
};
