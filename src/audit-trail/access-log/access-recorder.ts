import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { AccessEntry } from './access-entry';
import { AccessLogStore } from './access-log-store';

export interface AccessRecorderOptions {
  /** A batch is written at the latest this long after its first entry. */
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
 * normal shutdown writes them first. Batches are written one after another, so the chain keeps the buffer's order.
 */
export class AccessRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AccessLog');
  private buffer: AccessEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AccessLogStore,
    private readonly options: AccessRecorderOptions = DEFAULT_RECORDER_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: AccessToRecord): void {
    this.buffer.push({ ...entry, at: entry.at ?? this.now().toISOString() });
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
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async write(batch: AccessEntry[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.store.append(batch);
    } catch (error) {
      // Kept for the next flush; the log line says how many, never whose.
      this.buffer = [...batch, ...this.buffer];
      const dropped = Math.max(0, this.buffer.length - this.options.maxBuffered);
      if (dropped > 0) this.buffer = this.buffer.slice(dropped);
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
