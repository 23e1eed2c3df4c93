import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { openEventStore } from './open-event-store';

/**
 * Provides the one EventStore of this process under the library's `EVENT_STORE` token. Global, as
 * infrastructure: one store (and one PGlite lock) per process, read by several contexts.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openEventStore(config.EVENT_STORE_URL, config.STARTUP_TIMEOUT_MS),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Runs after the HTTP server has stopped, so no request still needs the store. For PGlite this
   * also removes the directory's lock file, which lets the next process open it.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
