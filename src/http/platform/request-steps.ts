import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      try {
        for (const step of steps) step(request.raw, reply.raw);
      } catch (error) {
        done(error as Error);
        return;
      }
      done();
    });
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
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', (request, _reply, done) => {
      try {
        check(request);
      } catch (error) {
        done(error as Error);
        return;
      }
      done();
    });
};
