import { SqlDriver } from '../sql/sql-driver';
import { ContractSubject } from './event-store.contract';

/** Changes rows behind the store's back, as an intruder with database access could. */
export const sqlTamper = (driverOf: () => SqlDriver): NonNullable<ContractSubject['tamper']> => ({
  alterData: async (_store, streamId, version, data) => {
    await driverOf().query('update events set data = $3::text::jsonb where stream_id = $1 and stream_version = $2', [
      streamId,
      version,
      JSON.stringify(data),
    ]);
  },
  deleteEvent: async (_store, streamId, version) => {
    await driverOf().query('delete from events where stream_id = $1 and stream_version = $2', [streamId, version]);
  },
});
