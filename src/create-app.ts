import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config';
import { Logger, requestIdMiddleware } from './logging';

/**
 * Builds the application without listening, for `main.ts` and for the end-to-end tests alike.
 * Rejects instead of exiting when a module cannot start, and keeps Nest's own report of it to
 * itself: Nest's log buffer is only flushed once the app stands, so the caller decides how a
 * failure is told.
 */
export const createApp = async (config: AppConfig): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  // Registered before init, so ahead of the body parsers Nest adds then.
  app.use(requestIdMiddleware);
  return app;
};
