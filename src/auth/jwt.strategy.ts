import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AuthenticatedUser, authenticatedUserFrom } from './authenticated-user';
import { JWT_STRATEGY_OPTIONS } from './auth.tokens';
import { JwtStrategyOptions } from './jwt-strategy-options';
import { assertTokenLifetime } from './token-lifetime';

/** Verifies the bearer token (signature, algorithm, expiry, issuer, audience), then reads its claims and checks its lifetime. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly maxLifetimeSeconds: number;

  constructor(@Inject(JWT_STRATEGY_OPTIONS) { options, maxLifetimeSeconds }: JwtStrategyOptions) {
    super(options);
    this.maxLifetimeSeconds = maxLifetimeSeconds;
  }

  validate(claims: Record<string, unknown>): AuthenticatedUser {
    const user = authenticatedUserFrom(claims);
    assertTokenLifetime(claims, this.maxLifetimeSeconds);
    return user;
  }
}
