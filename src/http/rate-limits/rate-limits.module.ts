import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { SqlDriver } from '@lotse/event-store';
import { APP_CONFIG, AppConfig } from '../../config';
import { SQL_DRIVER } from '../../database';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { MemoryRateLimitStorage } from './memory-rate-limit-storage';
import { RateLimits } from './rate-limits';
import { RATE_LIMIT_STORAGE, RATE_LIMITS } from './rate-limits.tokens';
import { SqlRateLimitStorage } from './sql-rate-limit-storage';
import { WRITES_LIMIT_NAME, WriteRateLimitGuard } from './write-rate-limit.guard';

const rateLimitsOf = (config: AppConfig): RateLimits => ({
  windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
  authFailuresPerAddress: config.RATE_LIMIT_AUTH_FAILURES,
  writesPerSubject: config.RATE_LIMIT_WRITES,
});

/**
 * The rate limits. On a PostgreSQL event store, where several instances serve behind one load
 * balancer, the counts live in its database so that the limits hold for the service as a whole;
 * elsewhere only one process serves, and memory will do. Global: the authentication guard of
 * AuthModule counts its failures here.
 */
@Global()
@Module({
  providers: [
    { provide: RATE_LIMITS, inject: [APP_CONFIG], useFactory: rateLimitsOf },
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [APP_CONFIG, SQL_DRIVER],
      useFactory: (config: AppConfig, sql: SqlDriver) =>
        config.EVENT_STORE_URL.engine === 'postgres' ? SqlRateLimitStorage.open(sql) : new MemoryRateLimitStorage(),
    },
    {
      provide: getOptionsToken(),
      inject: [RATE_LIMITS, RATE_LIMIT_STORAGE],
      useFactory: (limits: RateLimits, storage: MemoryRateLimitStorage | SqlRateLimitStorage): ThrottlerModuleOptions => ({
        storage,
        // Retry-After comes with the problem; counts are nobody's business while under the limit.
        setHeaders: false,
        throttlers: [
          {
            name: WRITES_LIMIT_NAME,
            limit: limits.writesPerSubject,
            ttl: limits.windowMs,
            skipIf: () => limits.writesPerSubject === 0,
          },
        ],
      }),
    },
    { provide: getStorageToken(), useExisting: RATE_LIMIT_STORAGE },
    AuthFailureLimiter,
    // Registered after AuthModule's guards (AppModule imports this module later): it needs the user.
    { provide: APP_GUARD, useClass: WriteRateLimitGuard },
  ],
  exports: [AuthFailureLimiter, RATE_LIMIT_STORAGE, RATE_LIMITS],
})
export class RateLimitsModule {}
