import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AuthenticatedUser, authenticatedUserFrom } from './authenticated-user';
import { JWT_STRATEGY_OPTIONS } from './auth.tokens';
import { JwtStrategyOptions } from './jwt-strategy-options';

/** Verifies the bearer token (signature, algorithm, expiry, issuer, audience), then reads its claims. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(JWT_STRATEGY_OPTIONS) { options }: JwtStrategyOptions) {
    super(options);
  }

  validate(claims: Record<string, unknown>): AuthenticatedUser {
    return authenticatedUserFrom(claims);
  }
}
