import type { SqlDriver } from '@lotse/event-store';
import type { LogOrder } from '../log-order';

/**
 * Places two positions in the SQL event store's log order, (transaction id, global position):
 * a larger number can come earlier when its transaction committed first. Needs the driver of
 * the event store's schema, since only the events table knows each event's transaction.
 */
export class SqlLogOrder implements LogOrder {
  constructor(private readonly eventStoreDriver: SqlDriver) {}

  async hasPassed(position: number, checkpoint: number): Promise<boolean> {
    if (!checkpoint) return false;
    const [row] = await this.eventStoreDriver.query<{ passed: boolean }>(
      `select (a.transaction_id, a.global_position) <= (b.transaction_id, b.global_position) as passed
         from events a, events b where a.global_position = $1 and b.global_position = $2`,
      [position, checkpoint],
    );
    return row?.passed === true;
  }

  async behind(checkpoint: number): Promise<number> {
    const [row] = await this.eventStoreDriver.query<{ behind: string }>(
      checkpoint
        ? `select count(*)::text as behind from events e, events c
          where c.global_position = $1 and (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)`
        : 'select count(*)::text as behind from events',
      checkpoint ? [checkpoint] : [],
    );
    return Number(row.behind);
  }
}
