import { LoggerService } from '@nestjs/common';
import { Logger as Pino } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService on pino. Nest's `Logger` appends its context name as the last argument, and
 * `logger.error(message, stack)` passes a stack; an object as the message is merged into the entry
 * (as in `logger.error({ err, status }, 'request failed')`).
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const bindings: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      this.pino[level]({ ...bindings, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const text = rest.find((param): param is string => typeof param === 'string');
      this.pino[level]({ ...bindings, ...(message as Record<string, unknown>) }, text);
    } else {
      // Nest's own `error(message, stack)`; a stack is only worth its lines for an error.
      const stack = level === 'error' && typeof rest[0] === 'string' ? { stack: rest[0] } : {};
      this.pino[level]({ ...bindings, ...stack }, String(message));
    }
  }
}
