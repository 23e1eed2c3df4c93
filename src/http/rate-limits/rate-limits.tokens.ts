/** Inject with `@Inject(RATE_LIMIT_STORAGE) storage: ThrottlerStorage`. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');
/** Inject with `@Inject(RATE_LIMITS) limits: RateLimits`: the limits in force. */
export const RATE_LIMITS = Symbol('RATE_LIMITS');
