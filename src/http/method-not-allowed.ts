import { HttpException, HttpStatus } from '@nestjs/common';

/** A known path asked with a method it does not have; `allowed` becomes the Allow header (RFC 9110 §15.5.6). */
export class MethodNotAllowedException extends HttpException {
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super(`${method} is not allowed here; this path answers ${allowed.join(', ')}`, HttpStatus.METHOD_NOT_ALLOWED);
  }
}

/**
 * The router answers any request no route took with Nest's NotFoundException, the wrong method
 * on a known path included. That path exists, so the answer is 405 naming the methods it has;
 * an unknown path stays 404. `routed` tells a 404 a handler threw (an unknown pathway id) from
 * one of the router, which is never taken for a wrong method.
 */
export const methodNotAllowedFor = (
  status: number,
  req: { method: string; routed: boolean; path: string },
  allowedMethods: (path: string) => readonly string[],
): MethodNotAllowedException | undefined => {
  if (status !== 404 || req.routed) return undefined;
  const allowed = allowedMethods(req.path);
  return allowed.length > 0 ? new MethodNotAllowedException(req.method, allowed) : undefined;
};
