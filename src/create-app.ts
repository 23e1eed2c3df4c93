import { INestApplication, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { Logger as Pino } from 'pino';
import { AppModule } from './app.module';
import { declaredAccess } from './auth';
import { AppConfig } from './config';
import {
  applyServerTimeouts,
  beforeEveryHandler,
  beforeEveryRequest,
  createHttpAdapter,
  noStore,
  parseEveryBodyWith,
  parseJsonBody,
  refuseDeclaredOversizeBody,
  screenRequest,
  setSecurityHeaders,
  setUpOpenApi,
  useCors,
  JSON_BODY_LIMIT_BYTES,
} from './http';
import { assignRequestId, chooseRequestId, NestPinoLogger, PINO_LOGGER, requestLogger } from './logging';

/** The application as createApp builds it; `startApp` makes it answer. */
export type LotseApp = NestFastifyApplication;

/**
 * Builds the application without listening, for `main.ts` and for the end-to-end tests alike.
 * Rejects instead of exiting when a module cannot start, and keeps Nest's own report of it to
 * itself: Nest's log buffer is only flushed once the app stands, so the caller decides how a
 * failure is told.
 */
export const createApp = async (
  config: AppConfig,
  options: { extraImports?: ModuleMetadata['imports']; followProjections?: boolean } = {},
): Promise<LotseApp> => {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.extraImports, options.followProjections),
    createHttpAdapter({ requestIdOf: chooseRequestId }),
    {
      // parseEveryBodyWith registers the one parser the API needs, with its size limit.
      bodyParser: false,
      bufferLogs: true,
      autoFlushLogs: false,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(NestPinoLogger));
  app.flushLogs();
  // Before routing and before the body is read, in this order: the request id first, so that even
  // a body refused by its declared size answers with its id, and the log line names it.
  beforeEveryRequest(
    app,
    assignRequestId,
    requestLogger(app.get<Pino>(PINO_LOGGER)),
    noStore,
    setSecurityHeaders(),
    refuseDeclaredOversizeBody,
  );
  // A preflight carries no token and no body: CORS answers it before the parser and the guards.
  useCors(app, config.CORS_ORIGINS);
  parseEveryBodyWith(app, JSON_BODY_LIMIT_BYTES, parseJsonBody);
  // What no route accepts is refused before any guard, pipe or handler runs.
  beforeEveryHandler(app, screenRequest);
  applyServerTimeouts(app.getHttpServer(), {
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
  });
  setUpOpenApi(app, declaredAccess);
  return app;
};

/**
 * Makes a created app answer without listening (the tests hand its server to supertest):
 * Nest's init registers the routes, Fastify's ready loads its plugins and seals the router.
 */
export const startApp = async <App extends INestApplication>(app: App): Promise<App> => {
  await app.init();
  await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
  return app;
};
