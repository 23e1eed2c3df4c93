import { ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ExtractJwt } from 'passport-jwt';
import { AuthFailureLimiter } from '../http';
import { oneLineError } from '../lifecycle';
import { isPublicRoute } from './route-access';
import { AuthenticatedUser } from './authenticated-user';
import { tokenRejection } from './token-rejection';
import { expiryOf, VerifiedTokens } from './verified-tokens';
import type { HttpRequest } from '../http';

/** A token we could not check because our side failed (JWKS unreachable): not the caller's failure. */
class TokenNotVerifiable extends UnauthorizedException {}

/** Where passport-jwt takes the token from (jwtStrategyOptions): the same, to look it up. */
const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Global: every request needs a valid bearer token unless its route is `@Public()`. Each refusal
 * is counted against the client's address, and past the limit the answer is 429 instead of 401.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger('Auth');
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly failures: AuthFailureLimiter,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const req = context.switchToHttp().getRequest<HttpRequest & { user?: AuthenticatedUser }>();
    const token = bearerToken(req);
    const known = token ? this.verified.get(token) : undefined;
    if (known) {
      req.user = known;
      return true;
    }
    try {
      const allowed = (await super.canActivate(context)) as boolean;
      const exp = token && req.user ? expiryOf(token) : undefined;
      if (allowed && token && req.user && exp !== undefined) this.verified.remember(token, req.user, exp);
      return allowed;
    } catch (error) {
      if (error instanceof UnauthorizedException && !(error instanceof TokenNotVerifiable)) {
        await this.failures.recordFailure(context.switchToHttp().getRequest<{ ip?: string }>().ip);
      }
      throw error;
    }
  }

  /** `error` is what the strategy's validate threw (already an UnauthorizedException, or a bug); `info` why passport-jwt refused. */
  override handleRequest<User>(error: Error | null | undefined, user: User | false, info: unknown): User {
    if (error) throw error;
    if (user) return user;
    const { reason, unexpected } = tokenRejection(info);
    if (unexpected) {
      this.logger.warn(`a token could not be verified: ${oneLineError(info)}`);
      throw new TokenNotVerifiable(reason);
    }
    throw new UnauthorizedException(reason);
  }
}
