import type { ThrottlerStorage } from '@nestjs/throttler';

/** The library exports the storage but not its record type. */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * What both storages answer for a hit: the count in the current fixed window and how long that
 * window still runs. A fixed window (not a sliding one) is one row per key that one atomic upsert
 * can count in, which is what lets several instances share it in PostgreSQL; over the limit, the
 * key stays refused until its window ends, whatever `blockDuration` the caller asked for.
 */
export const fixedWindowRecord = (totalHits: number, msLeft: number, limit: number): ThrottlerStorageRecord => {
  const secondsLeft = Math.max(1, Math.ceil(msLeft / 1000));
  const isBlocked = totalHits > limit;
  return { totalHits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
};
