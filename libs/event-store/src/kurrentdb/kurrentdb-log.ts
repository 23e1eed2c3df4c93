import { ReadPosition, RecordedEvent, START, StreamNotFoundError, StreamingRead } from '@eventstore/db-client';
import { StoredEvent } from '../event-store';

/**
 * Lotse's global position is the event's commit position. Every gRPC append writes each event
 * as a record that commits itself, so its commit and prepare positions are the same number and
 * no two events share it (only the legacy TCP API's explicit transactions give several events one
 * commit position, and Lotse never writes those). Resuming after position p therefore starts at
 * {commit: p, prepare: p}: reads include the event there and subscriptions may, so whatever comes
 * back at or before p is dropped, and every event after p sorts after that point in the log.
 */
export const positionAfter = (after: number): ReadPosition => (after < 0 ? START : { commit: BigInt(after), prepare: BigInt(after) });

/** The cursor for "from the start": below every real position, so nothing is dropped. */
export const LOG_START = -1;

export const cursorFrom = (fromPosition: number | undefined): number => (fromPosition ? fromPosition : LOG_START);

export const commitPositionOf = (recorded: RecordedEvent): number => {
  const commit = recorded.position?.commit;
  // Servers before EventStoreDB 22.6 send no position (or 2^64-1) when reading a stream.
  if (commit === undefined || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${recorded.streamId}@${recorded.revision} came without a log position; Lotse needs EventStoreDB 22.6 or KurrentDB`);
  }
  return Number(commit);
};

/** `until` as every adapter reads it: a global position (inclusive) or a moment compared with recordedAt. */
export const reachedBy = (until: number | string | Date): ((event: StoredEvent) => boolean) => {
  if (typeof until === 'number') return (event) => event.globalPosition <= until;
  const moment = until instanceof Date ? until.getTime() : Date.parse(until);
  if (Number.isNaN(moment)) throw new RangeError(`until ${JSON.stringify(until)} is not a moment`);
  return (event) => Date.parse(event.recordedAt) <= moment;
};

/** The engine's own bookkeeping ($stats, $$metadata, projection links) is not part of Lotse's log. */
export const isSystemEvent = (recorded: RecordedEvent): boolean => recorded.type.startsWith('$') || recorded.streamId.startsWith('$');

/**
 * Reads to the end (or to `limit` picked items) before the caller sees anything, so no server
 * read stays open while a slow caller works. A stream that does not exist reads as empty.
 */
export const drain = async <E, T>(read: StreamingRead<E>, pick: (item: E) => T | undefined, limit = Infinity): Promise<T[]> => {
  const picked: T[] = [];
  if (limit <= 0) {
    await read.cancel();
    return picked;
  }
  try {
    for await (const item of read) {
      const value = pick(item);
      if (value !== undefined) picked.push(value);
      if (picked.length >= limit) {
        await read.cancel();
        break;
      }
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return picked;
};
