import { ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { oneLineError } from '../lifecycle';
import { isPublicRoute } from './route-access';
import { tokenRejection } from './token-rejection';

/** Global: every request needs a valid bearer token unless its route is `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger('Auth');

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (isPublicRoute(this.reflector, context)) return true;
    return super.canActivate(context);
  }

  /** `error` is what the strategy's validate threw (already an UnauthorizedException, or a bug); `info` why passport-jwt refused. */
  override handleRequest<User>(error: unknown, user: User | false, info: unknown): User {
    if (error) throw error;
    if (user) return user;
    const { reason, unexpected } = tokenRejection(info);
    if (unexpected) this.logger.warn(`a token could not be verified: ${oneLineError(info)}`);
    throw new UnauthorizedException(reason);
  }
}
