import { ThrottlerStorage } from '@nestjs/throttler';

/** The limits in force, from RATE_LIMIT_*; a limit of 0 is off. */
export interface RateLimits {
  windowMs: number;
  authFailuresPerAddress: number;
  writesPerSubject: number;
}

export type { ThrottlerStorage };
