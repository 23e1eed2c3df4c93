export { RateLimitsModule } from './rate-limits.module';
export { AuthFailureLimiter } from './auth-failure-limiter';
export { RATE_LIMIT_STORAGE, RATE_LIMITS } from './rate-limits.tokens';
export type { RateLimits, ThrottlerStorage } from './rate-limits';
export { MemoryRateLimitStorage } from './memory-rate-limit-storage';
export { SqlRateLimitStorage } from './sql-rate-limit-storage';
export { fixedWindowRecord } from './fixed-window';
export { rateLimitKey } from './rate-limit-key';
