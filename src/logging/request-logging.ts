import { INestApplication } from '@nestjs/common';
import { Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { PINO_LOGGER } from './logging.tokens';
import { pinoHttpOptions } from './pino-http-options';

/** One line per request, on the app's logger; after requestIdMiddleware, so the line has its id. */
export const useRequestLogging = (app: INestApplication): void => {
  app.use(pinoHttp({ ...pinoHttpOptions(), logger: app.get<Pino>(PINO_LOGGER) }));
};
