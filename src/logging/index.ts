export { LoggingModule } from './logging.module';
export { PINO_LOGGER } from './logging.tokens';
export { NestPinoLogger } from './nest-pino-logger';
export { requestLogger } from './request-logging';
export { REQUEST_ID_HEADER, assignRequestId, chooseRequestId } from './request-id';
export { REDACTED_PATHS } from './log-options';
