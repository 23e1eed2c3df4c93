import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { oneLineError } from '../lifecycle';

/**
 * Below the usual probe timeouts (Kubernetes waits 1 s by default, load balancers a few): a store
 * that takes longer than this to answer `select 1` is as good as down for the requests behind it.
 */
const PING_TIMEOUT_MS = 2_000;

/** Up when the event store answers a ping; reports which engine it is either way. */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.health.check(key);
    const engine = this.config.EVENT_STORE_URL.engine;
    const abort = new AbortController();
    try {
      await Promise.race([
        this.store.ping(),
        sleep(PING_TIMEOUT_MS, undefined, { signal: abort.signal }).then(() => {
          throw new Error(`no answer within ${PING_TIMEOUT_MS} ms`);
        }),
      ]);
      return indicator.up({ engine });
    } catch (error) {
      return indicator.down({ engine, message: oneLineError(error) });
    } finally {
      abort.abort();
    }
  }
}
