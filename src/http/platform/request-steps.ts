import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpRequest, HttpResponse } from './http-types';

/**
 * One step every request passes before routing, on Node's own request and response: it sets
 * headers, or throws an HttpException/DomainError to refuse the request (answered by the problem
 * filter). Plain functions, so they know nothing of the adapter and are tested without a server.
 */
export type RequestStep = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Runs the steps, in order, as Fastify's first hook: before the body is read and before routing,
 * so unknown routes, preflights and refused bodies get their effect too. Headers go onto Node's
 * response directly, where Fastify's reply keeps them when it writes its own.
 */
export const beforeEveryRequest = (app: NestFastifyApplication, ...steps: RequestStep[]): void => {
  fastifyOf(app).addHook(
    'onRequest',
    checking((request, reply) => {
      for (const step of steps) step(request.raw, reply.raw);
    }),
  );
};

/** What the request looks like once its body is parsed, for a check that needs the body. */
export interface ParsedRequest {
  method: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  query: unknown;
}

/**
 * Runs `check` on every routed request once its body is parsed, before Nest's guards, pipes and
 * handlers (Fastify's preHandler hook comes before the route's handler, where Nest runs them).
 */
export const beforeEveryHandler = (app: NestFastifyApplication, check: (req: ParsedRequest) => void): void => {
  fastifyOf(app).addHook(
    'preHandler',
    checking((request) => check(request)),
  );
};

const fastifyOf = (app: NestFastifyApplication) => app.getHttpAdapter().getInstance();

/**
 * A synchronous check as a callback-style Fastify hook: whatever it throws goes to `done`, so the
 * problem filter answers it; when it returns, the request goes on.
 */
const checking =
  (check: (request: HttpRequest, reply: HttpResponse) => void) =>
  (request: HttpRequest, reply: HttpResponse, done: (error?: Error) => void): void => {
    try {
      check(request, reply);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  };
