import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { Role } from '@lotse/domain';
import { IS_PUBLIC } from '../../src/auth/public.decorator';
import { REQUIRED_ROLES } from '../../src/auth/roles.decorator';

export interface RouteInfo {
  /** `METHOD /path/:param`, as the authorization table names it. */
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
  /** What `@Roles` on the method (or else its controller) says. */
  roles: readonly Role[];
}

const joinPaths = (...parts: string[]): string => `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
const pathsOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '']).map(String);

/** Every route of the app, read from Nest's own metadata: controllers' paths, methods, @Public and @Roles. */
export const routesOf = (app: INestApplication): RouteInfo[] => {
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      if (!controller) continue;
      const bases = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const handlerPath = Reflect.getMetadata(PATH_METADATA, handler);
        if (handlerPath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true;
        const roles = reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, [handler, controller]) ?? [];
        for (const base of bases) {
          for (const path of pathsOf(handlerPath)) {
            const full = joinPaths(base, path);
            routes.push({ key: `${method} ${full}`, method, path: full, isPublic, roles });
          }
        }
      }
    }
  }
  return routes;
};
