import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { openSideStore } from './open-side-store';
import { SIDE_STORE, SQL_DRIVER } from './database.tokens';
import { closeSideStore, SideStore } from './side-store';

/** Global, as infrastructure: one side store per process for every context's side tables (keys, idempotency, matching keys). */
@Global()
@Module({
  providers: [
    {
      provide: SIDE_STORE,
      // After the event store: it opens (and migrates) the database first, and its failure is the one to report.
      inject: [APP_CONFIG, EVENT_STORE],
      useFactory: (config: AppConfig) => openSideStore(config),
    },
    { provide: SQL_DRIVER, inject: [SIDE_STORE], useFactory: (side: SideStore) => (side.engine === 'sql' ? side.driver : undefined) },
  ],
  exports: [SIDE_STORE, SQL_DRIVER],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SIDE_STORE) private readonly side: SideStore) {}

  async onApplicationShutdown(): Promise<void> {
    await closeSideStore(this.side);
  }
}
