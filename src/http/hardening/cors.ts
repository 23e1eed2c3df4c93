import type { INestApplication } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';
import { REPLAYED_HEADER } from '../idempotency/idempotency.interceptor';

/**
 * Browser scripts of the listed origins may call the API; without a list the app sends no CORS
 * header at all, so browsers keep every other origin out. Tokens travel in Authorization, never
 * in cookies, so credentials stay off.
 */
export const useCors = (app: INestApplication, origins: readonly string[] | undefined): void => {
  if (!origins || origins.length === 0) return;
  app.enableCors({
    origin: [...origins],
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', IDEMPOTENCY_KEY_HEADER, 'X-Request-Id'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', REPLAYED_HEADER],
    credentials: false,
    maxAge: 600,
  });
};
