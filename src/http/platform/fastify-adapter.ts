import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { answerClientError } from '../hardening/client-errors';
import { JSON_BODY_LIMIT_BYTES } from '../json-body-parser';

export interface HttpAdapterOptions {
  /** The request's id, chosen as it arrives, so Fastify's request and Node's carry the same. */
  requestIdOf: (req: IncomingMessage) => string;
}

/**
 * The HTTP adapter: Fastify, for its CPU per answer (about a third of Express's in Lotse's own
 * no-op route, README "Benchmarks"). Paths match as they did on Express: case-insensitively, with or without a trailing
 * slash. Errors of Node's HTTP parser are answered as problems (answerClientError); the
 * timeouts are set on the server afterwards (applyServerTimeouts).
 */
export const createHttpAdapter = ({ requestIdOf }: HttpAdapterOptions): FastifyAdapter =>
  new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    clientErrorHandler: answerClientError,
    // Express had no limit of its own on a path parameter; one too long is the route's 400 to tell, not a 404.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 8_192 },
  });
