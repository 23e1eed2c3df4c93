export { LoggingModule } from './logging.module';
export { PINO_LOGGER } from './logging.tokens';
export { NestPinoLogger } from './nest-pino-logger';
export { useRequestLogging } from './request-logging';
export { REQUEST_ID_HEADER, requestIdMiddleware } from './request-id';
export { REDACTED_PATHS } from './log-options';
