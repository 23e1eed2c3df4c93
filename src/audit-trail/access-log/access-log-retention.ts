import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AccessLogStore, Purged } from './access-log-store';
import { AccessRecorder } from './access-recorder';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The purge runs at start and then this often; a day's late purge keeps an entry a day longer, no more. */
const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Keeps the access log to `ACCESS_LOG_RETENTION_DAYS`. A purge is recorded as an entry of its own (how many, up to
 * which seq, and the last removed hash, to which the chain's next entry links), written with the removal, so a gap in
 * the log is explained.
 */
export class AccessLogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AccessLog');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: AccessLogStore,
    private readonly recorder: AccessRecorder,
    private readonly retentionDays: number,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.purge().catch((error: unknown) =>
        this.logger.error(`access log purge failed: ${error instanceof Error ? error.message : 'unknown error'}`),
      );
    run();
    this.timer = setInterval(run, PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Removes the entries older than the retention period before `now` and records that it did. */
  async purge(now: Date = new Date()): Promise<Purged> {
    await this.recorder.flush();
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString();
    return this.store.purgeBefore(cutoff, (purged) => ({
      at: now.toISOString(),
      sub: 'lotse',
      roles: [],
      municipality: '*',
      route: 'access log retention',
      participantIds: [],
      municipalities: [],
      action: 'purge',
      detail: { cutoff, retentionDays: this.retentionDays, ...purged },
    }));
  }
}
