import type { ThrottlerStorage } from '@nestjs/throttler';
import { fixedWindowRecord, ThrottlerStorageRecord } from './fixed-window';

const SWEEP_EVERY_MS = 60_000;

/** The counts of one process: enough where only one process can serve (PGlite, KurrentDB's side tables). */
export class MemoryRateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private lastSweep = Date.now();

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    this.sweepNowAndThen(now);
    const current = this.windows.get(key);
    const window = current && current.endsAt > now ? current : { hits: 0, endsAt: now + ttl };
    window.hits += 1;
    this.windows.set(key, window);
    return fixedWindowRecord(window.hits, window.endsAt - now, limit);
  }

  private sweepNowAndThen(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
