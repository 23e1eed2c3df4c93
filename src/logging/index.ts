export { LoggingModule } from './logging.module';
export { REQUEST_ID_HEADER, requestIdMiddleware } from './request-id';
export { REDACTED_PATHS } from './pino-http-options';
/** The Nest LoggerService backed by pino; `app.useLogger(app.get(Logger))` routes Nest's logs through it. */
export { Logger } from 'nestjs-pino';
