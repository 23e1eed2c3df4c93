import type { IncomingHttpHeaders } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Turns a request's body (as text) into its value, or throws an HttpException/DomainError to refuse it. */
export type BodyParser = (headers: IncomingHttpHeaders, text: string) => unknown;

/**
 * The one body parser of the app, for every media type: Fastify's own (JSON with a different
 * idea of an empty body and of `__proto__`, plain text) are removed, so what is accepted is
 * decided in one pure function. Fastify reads at most `limitBytes` (413 beyond) and runs it
 * only for a request that carries a body; GET and HEAD bodies are never read.
 */
export const parseEveryBodyWith = (app: NestFastifyApplication, limitBytes: number, parse: BodyParser): void => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  // application/json by name as well: Fastify finds an exact type in a map, '*' only after a search.
  for (const type of ['application/json', '*']) {
    fastify.addContentTypeParser(type, { parseAs: 'string', bodyLimit: limitBytes }, (request, text, done) => {
      try {
        done(null, parse(request.headers, text as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  }
};
