import { Global, Module } from '@nestjs/common';
import { pino, Logger as Pino } from 'pino';
import { APP_CONFIG, AppConfig } from '../config';
import { logDestination } from './log-destination';
import { PINO_LOGGER } from './logging.tokens';
import { NestPinoLogger } from './nest-pino-logger';
import { pinoOptions } from './log-options';

/** pino for Nest's own logs; `requestLogger` adds one line per HTTP request on the same logger. */
@Global()
@Module({
  providers: [
    { provide: PINO_LOGGER, inject: [APP_CONFIG], useFactory: (config: AppConfig): Pino => pino(pinoOptions(config), logDestination()) },
    { provide: NestPinoLogger, inject: [PINO_LOGGER], useFactory: (logger: Pino) => new NestPinoLogger(logger) },
  ],
  exports: [PINO_LOGGER, NestPinoLogger],
})
export class LoggingModule {}
