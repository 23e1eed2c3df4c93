import type { SqlDriver } from '@lotse/event-store';
import type { Connection } from 'mongoose';

/**
 * Where the side stores live (participant keys, idempotency records, matching keys and duplicate
 * pairs): the relational database beside the events, or, in the KurrentDB + MongoDB shape, the
 * read models' MongoDB, so that the app container holds no state at all.
 */
export type SideStore = { engine: 'sql'; driver: SqlDriver } | { engine: 'mongodb'; connection: Connection };

export const closeSideStore = (side: SideStore): Promise<void> => (side.engine === 'sql' ? side.driver.close() : side.connection.close());
