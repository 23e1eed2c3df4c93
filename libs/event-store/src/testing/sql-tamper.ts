import { SqlDriver } from '../sql/sql-driver';
import { ContractSubject } from './event-store.contract';

/** Changes rows behind the store's back, as an intruder with database access could. */
export const sqlTamper = (driverOf: () => SqlDriver): NonNullable<ContractSubject['tamper']> => ({
  alterData: async (_store, streamId, version, data) => {
    await driverOf().query(
      `update events set content = jsonb_set(content::jsonb, '{data}', $3::text::jsonb)::text where stream_id = $1 and stream_version = $2`,
      [streamId, version, JSON.stringify(data)],
    );
  },
  alterColumn: async (_store, streamId, version, column) => {
    const change = column === 'type' ? "type = type || 'X'" : "recorded_at = recorded_at + interval '1 second'";
    await driverOf().query(`update events set ${change} where stream_id = $1 and stream_version = $2`, [streamId, version]);
  },
  deleteEvent: async (_store, streamId, version) => {
    await driverOf().query('delete from events where stream_id = $1 and stream_version = $2', [streamId, version]);
  },
});
