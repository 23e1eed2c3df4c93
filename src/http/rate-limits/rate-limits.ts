import { ThrottlerStorage } from '@nestjs/throttler';

/** Inject with `@Inject(RATE_LIMIT_STORAGE) storage: ThrottlerStorage`. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');
export const RATE_LIMITS = Symbol('RATE_LIMITS');

/** The limits in force, from RATE_LIMIT_*; a limit of 0 is off. */
export interface RateLimits {
  windowMs: number;
  authFailuresPerAddress: number;
  writesPerSubject: number;
}

export type { ThrottlerStorage };
