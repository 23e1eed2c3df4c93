import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { openSideStore } from './open-side-store';
import { closeSideStore, SIDE_STORE, SideStore } from './side-store';

/**
 * Inject with `@Inject(SQL_DRIVER) sql: SqlDriver | undefined`: the relational database beside
 * the events, undefined in the KurrentDB + MongoDB shape, which has none.
 */
export const SQL_DRIVER = Symbol('SQL_DRIVER');

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
