import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@lotse/domain';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

/** What `@Public()` and `@Roles()` say about the route being called; the method's word beats its controller's. */
export const isPublicRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true;

export const requiredRoles = (reflector: Reflector, context: ExecutionContext): readonly Role[] | undefined =>
  reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);

/**
 * The same, read from a controller and one of its handlers outside a request: for the OpenAPI
 * document, which names who may call each operation from these very decorators.
 */
export const declaredAccess = (controller: object, handler: object): { public: true } | { public: false; roles: readonly Role[] } => {
  const read = <T>(key: string): T | undefined =>
    (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
  if (read<boolean>(IS_PUBLIC) === true) return { public: true };
  return { public: false, roles: read<Role[]>(REQUIRED_ROLES) ?? [] };
};
