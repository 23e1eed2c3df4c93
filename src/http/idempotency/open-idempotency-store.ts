import type { SideStore } from '../../database';
import { IdempotencyStore } from './idempotency-store';
import { SqlIdempotencyRecords } from './sql-idempotency-records';

/** The idempotency records on whatever the side store is, ready to use. */
export const openIdempotencyStore = async (side: SideStore): Promise<IdempotencyStore> => {
  const records =
    side.engine === 'sql'
      ? new SqlIdempotencyRecords(side.driver)
      : new (await import('./mongo-idempotency-records')).MongoIdempotencyRecords(side.connection);
  await records.init();
  return new IdempotencyStore(records);
};
