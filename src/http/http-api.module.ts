import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConditionalGetInterceptor } from './conditional-get.interceptor';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { openIdempotencyStore } from './idempotency/open-idempotency-store';
import { SIDE_STORE, SideStore } from '../database';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation-pipe';

/**
 * What every route shares: errors as problem+json, validated bodies, Idempotency-Key on writes,
 * 304 for a read whose ETag If-None-Match names.
 * Registered as providers rather than `app.useGlobal…` so they get injection (the side store)
 * and apply in tests that build the app the same way.
 */
@Module({
  providers: [
    { provide: IdempotencyStore, inject: [SIDE_STORE], useFactory: (side: SideStore) => openIdempotencyStore(side) },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    // Global through the app's one interceptor chain (AppModule), which sets their order.
    IdempotencyInterceptor,
    ConditionalGetInterceptor,
  ],
  exports: [IdempotencyInterceptor, ConditionalGetInterceptor],
})
export class HttpApiModule {}
