import { UnauthorizedException } from '@nestjs/common';

/** The clocks of the identity provider and of this host may drift a little apart. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Refuses a token that was made to live longer than `maxLifetimeSeconds`. jsonwebtoken checks
 * only that `exp` has not passed, so a token signed to expire in a century would open the API for
 * a century once stolen. Without `iat` the lifetime cannot be known, and an `iat` in the future
 * would let `exp` move just as far, so both are refused.
 */
export const assertTokenLifetime = (claims: Record<string, unknown>, maxLifetimeSeconds: number, nowSeconds = Date.now() / 1000): void => {
  const { iat, exp } = claims;
  if (typeof iat !== 'number') throw new UnauthorizedException('the token has no issue time (iat)');
  if (iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) throw new UnauthorizedException('the token was issued in the future (iat)');
  if (typeof exp === 'number' && exp - iat > maxLifetimeSeconds) {
    throw new UnauthorizedException(`the token lives longer than the ${maxLifetimeSeconds} s this API accepts (exp - iat)`);
  }
};
