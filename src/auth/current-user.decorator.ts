import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedUser } from './authenticated-user';

/**
 * The authenticated user of the request: `handler(@CurrentUser() user: AuthenticatedUser)`.
 * On a `@Public()` route there is none, and asking for one is a programming error (500), not
 * something a caller could fix.
 */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
  if (!user) throw new Error('@CurrentUser() used on a route that does not authenticate');
  return user;
});
