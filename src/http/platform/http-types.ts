import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The request and response a route, guard or interceptor gets from Nest. Named here once, so that
 * only this folder knows the HTTP adapter is Fastify: routes set headers with `res.header(...)`,
 * `res.code(...)`/`res.status(...)` and `res.type(...)`, which is all they need.
 */
export type HttpRequest = FastifyRequest;
export type HttpResponse = FastifyReply;

/** Anything a header can be set on: Fastify's reply, and a test's fake. */
export interface HeaderSink {
  header(name: string, value: string): unknown;
}

/** The route pattern that took a request (`/pathways/:id`), or '' when none did. */
export const routePatternOf = (req: HttpRequest): string => req.routeOptions?.url ?? '';
