import { ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config';
import { applyServerTimeouts, noStoreMiddleware, setUpOpenApi, useCors, useJsonBodyParser, useSecurityHeaders } from './http';
import { NestPinoLogger, requestIdMiddleware, useRequestLogging } from './logging';

/**
 * Builds the application without listening, for `main.ts` and for the end-to-end tests alike.
 * Rejects instead of exiting when a module cannot start, and keeps Nest's own report of it to
 * itself: Nest's log buffer is only flushed once the app stands, so the caller decides how a
 * failure is told.
 */
export const createApp = async (
  config: AppConfig,
  options: { extraImports?: ModuleMetadata['imports']; followProjections?: boolean } = {},
): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.extraImports, options.followProjections), {
    // useJsonBodyParser registers the one parser the API needs, with its size limit.
    bodyParser: false,
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  app.flushLogs();
  app.disable('x-powered-by');
  // The only ETags are stream versions (setVersionHeaders); Express's content hashes would come
  // back as If-Match values that name no version.
  app.set('etag', false);
  // First, so that even a body the JSON parser refuses answers with its request id.
  app.use(requestIdMiddleware);
  useRequestLogging(app);
  app.use(noStoreMiddleware);
  useSecurityHeaders(app);
  // Before the body parser and the guards: a preflight carries no token and no body.
  useCors(app, config.CORS_ORIGINS);
  useJsonBodyParser(app);
  applyServerTimeouts(app.getHttpServer(), {
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
  });
  setUpOpenApi(app);
  return app;
};
