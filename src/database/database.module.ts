import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SqlDriver } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../config';
import { openSqlDriver } from './open-sql-driver';

/** Inject with `@Inject(SQL_DRIVER) sql: SqlDriver`. */
export const SQL_DRIVER = Symbol('SQL_DRIVER');

@Global()
@Module({
  providers: [{
    provide: SQL_DRIVER,
    inject: [APP_CONFIG],
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
