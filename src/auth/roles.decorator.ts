import { SetMetadata } from '@nestjs/common';
import { Role } from '@lotse/domain';

export const REQUIRED_ROLES = 'lotse:roles';

/**
 * Who may use the route (or every route of the controller; a method's own `@Roles` replaces the
 * controller's): a user with any one of these roles. At least one role, because a route that
 * names none is refused to everybody.
 */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES, roles);
