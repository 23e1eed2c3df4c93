import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, SqlDriver } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { SQL_DRIVER } from './database.tokens';
import { openSqlDriver } from './open-sql-driver';

/** Global, as infrastructure: one connection pool per process for every side table (keys, idempotency, matching keys). */
@Global()
@Module({
  providers: [{
    provide: SQL_DRIVER,
    // After the event store: it opens (and migrates) the database first, and its failure is the one to report.
    inject: [APP_CONFIG, EVENT_STORE],
    useFactory: (config: AppConfig) => openSqlDriver(config.EVENT_STORE_URL, config.DATA_DIR),
  }],
  exports: [SQL_DRIVER],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_DRIVER) private readonly driver: SqlDriver) {}

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}
