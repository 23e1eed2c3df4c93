import { Inject, Injectable, Logger } from '@nestjs/common';
import { RateLimits, ThrottlerStorage } from './rate-limits';
import { RATE_LIMIT_STORAGE, RATE_LIMITS } from './rate-limits.tokens';
import { rateLimitKey } from './rate-limit-key';
import { tooManyRequests } from './too-many-requests';

const LIMIT_NAME = 'auth-failures';

/**
 * Counts failed authentications per client address. Past the limit the address hears 429 instead
 * of 401 until the window ends: guessing or replaying tokens gets slow and shows in the log,
 * while a valid token from the same address (a shared proxy) still gets through.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly logger = new Logger('RateLimit');

  constructor(
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
    @Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
  ) {}

  /** Called after a request failed to authenticate; throws 429 when the address is over its limit. */
  async recordFailure(clientAddress: string | undefined): Promise<void> {
    const limit = this.limits.authFailuresPerAddress;
    if (limit === 0) return;
    const key = rateLimitKey(LIMIT_NAME, clientAddress ?? 'unknown');
    const { totalHits, isBlocked, timeToBlockExpire } = await this.storage.increment(
      key,
      this.limits.windowMs,
      limit,
      this.limits.windowMs,
      LIMIT_NAME,
    );
    if (!isBlocked) return;
    // Once per window, at the first refusal: a flood of forged tokens must not become a flood of log lines.
    // No address, no token: the line's request id leads to the request line for whoever may see it.
    if (totalHits === limit + 1) {
      this.logger.warn(
        `more than ${limit} failed authentications from one client address within ${this.limits.windowMs / 1000} s; answering 429 for ${timeToBlockExpire} s (key ${key})`,
      );
    }
    throw tooManyRequests('too many failed authentications from this address', timeToBlockExpire);
  }
}
