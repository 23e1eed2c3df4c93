import { HttpException, HttpStatus } from '@nestjs/common';

/** The little of Express's router (the `router` package) this needs: its layers, each maybe a route. */
interface RouterLayer {
  route?: { methods: Record<string, boolean | undefined> };
  match(path: string): unknown;
}
export interface RouteTable {
  stack: readonly RouterLayer[];
}

/** A known path asked with a method it does not have; `allowed` becomes the Allow header (RFC 9110 §15.5.6). */
export class MethodNotAllowedException extends HttpException {
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super(`${method} is not allowed here; this path answers ${allowed.join(', ')}`, HttpStatus.METHOD_NOT_ALLOWED);
  }
}

/** The methods the routes matching `path` answer, HEAD included wherever GET is (Express answers it). */
export const allowedMethods = (routes: RouteTable | undefined, path: string): string[] => {
  const methods = new Set<string>();
  for (const layer of routes?.stack ?? []) {
    if (!layer.route || !layer.match(path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
};

/**
 * Express answers any request no route took with Nest's NotFoundException, the wrong method on a
 * known path included. That path exists, so the answer is 405 naming the methods it has; an
 * unknown path stays 404. `req.route` is set once a route took the request, so a 404 a handler
 * threw (an unknown pathway id) is never taken for one.
 */
export const methodNotAllowedFor = (
  status: number,
  req: { method: string; path: string; route?: unknown },
  routes: RouteTable | undefined,
): MethodNotAllowedException | undefined => {
  if (status !== 404 || req.route !== undefined) return undefined;
  const allowed = allowedMethods(routes, req.path);
  return allowed.length > 0 ? new MethodNotAllowedException(req.method, allowed) : undefined;
};
