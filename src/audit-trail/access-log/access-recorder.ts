import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { AccessEntry } from './access-entry';
import { AccessLogStore } from './access-log-store';

export interface AccessRecorderOptions {
  /** A batch is written at the latest this long after its first entry (or once the write before it is done). */
  flushAfterMs: number;
  /** …or as soon as it holds this many entries. */
  batchSize: number;
  /** Entries kept while the database does not answer; beyond it the oldest are dropped (and counted in the log). */
  maxBuffered: number;
}

export const DEFAULT_RECORDER_OPTIONS: AccessRecorderOptions = { flushAfterMs: 20, batchSize: 500, maxBuffered: 100_000 };

/** An entry as a caller hands it over; the time is the recorder's unless given. */
export type AccessToRecord = Omit<AccessEntry, 'at'> & { at?: string };

/**
 * Records who read what, in batches: a read only adds its entry to a buffer, and one insert writes the buffer every
 * few milliseconds or every few hundred entries, so the log costs reads a small share of their throughput instead
 * of one round trip each. The price: entries still buffered when the process dies (a crash, a kill -9) are lost; a
 * normal shutdown writes them first. Batches are written one after another, so the chain keeps the buffer's order;
 * a batch is taken from the buffer when the write before it is done, so what arrived meanwhile goes in one statement
 * (no entry waits longer than it would behind the write in flight). A read pays for the push and a clock reading;
 * the time is formatted and the entry serialised and chained with its batch.
 */
export class AccessRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AccessLog');
  /** The entries the recorder took over (it sets their `at`), and beside each the time it was recorded. */
  private buffer: AccessToRecord[] = [];
  private times: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** A write waits behind the one in flight and will take everything buffered by then. */
  private queued = false;
  private lastTime = { ms: Number.NaN, iso: '' };

  constructor(
    private readonly store: AccessLogStore,
    private readonly options: AccessRecorderOptions = DEFAULT_RECORDER_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the entry over: it must not be changed by the caller afterwards. */
  record(entry: AccessToRecord): void {
    this.buffer.push(entry);
    this.times.push(this.now());
    if (this.buffer.length >= this.options.batchSize) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushAfterMs);
      this.timer.unref();
    }
  }

  /** Writes everything recorded so far; resolves once it is stored (or kept for the next try when the store failed). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queued) return this.writing;
    this.queued = true;
    this.writing = this.writing.then(() => {
      this.queued = false;
      return this.write(this.take());
    });
    return this.writing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private take(): AccessEntry[] {
    const batch = this.buffer;
    const times = this.times;
    this.buffer = [];
    this.times = [];
    for (let i = 0; i < batch.length; i += 1) batch[i].at ??= this.isoTime(times[i]);
    return batch as AccessEntry[];
  }

  /** Reads close together share a millisecond: formatted once for all of them. */
  private isoTime(ms: number): string {
    if (ms !== this.lastTime.ms) this.lastTime = { ms, iso: new Date(ms).toISOString() };
    return this.lastTime.iso;
  }

  private async write(batch: AccessEntry[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.store.append(batch);
    } catch (error) {
      // Kept for the next flush; the log line says how many, never whose.
      this.buffer = [...batch, ...this.buffer];
      this.times = [...batch.map(() => 0), ...this.times];
      const dropped = Math.max(0, this.buffer.length - this.options.maxBuffered);
      if (dropped > 0) {
        this.buffer = this.buffer.slice(dropped);
        this.times = this.times.slice(dropped);
      }
      this.logger.error(
        `access log: ${batch.length} entries not written yet (${error instanceof Error ? error.message : 'unknown error'}); ${dropped} dropped`,
      );
      if (!this.timer) {
        this.timer = setTimeout(() => void this.flush(), 1000);
        this.timer.unref();
      }
    }
  }
}
