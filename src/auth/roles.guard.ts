import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedUser } from './authenticated-user';
import { isPublicRoute, requiredRoles } from './route-access';

/**
 * Global, after JwtAuthGuard: the user needs one of the route's `@Roles`. It fails closed: a route
 * that names no roles is refused to everyone, so a forgotten decorator shows up as a 403 in the
 * first test instead of as a route open to every role.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublicRoute(this.reflector, context)) return true;
    const roles = requiredRoles(this.reflector, context);
    if (!roles || roles.length === 0) throw new ForbiddenException('this route declares no roles, so nobody may use it');
    const { user } = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
    if (!user?.roles.some((role) => roles.includes(role))) {
      throw new ForbiddenException(`requires the role ${roles.join(' or ')}`);
    }
    return true;
  }
}
