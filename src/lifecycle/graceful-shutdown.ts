import { INestApplication, Logger } from '@nestjs/common';
import { Server } from 'node:http';
import { drainHttpServer } from './drain-http-server';
import { oneLineError } from './one-line-error';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** What a cluster's primary sends its HTTP processes instead of a signal (see cluster-primary.ts). */
export const SHUTDOWN_MESSAGE = 'lotse:shut-down';

const logger = new Logger('Shutdown');

/** Closing the stores is quick but not instant; a drain timeout of 0 must not make it fail. */
const MIN_CLOSE_TIMEOUT_MS = 5_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight finish (at most
 * `timeoutMs`), then close the application, whose shutdown hooks close the event store, and
 * exit 0. A second signal, or a close that hangs for another `timeoutMs` (5 s at least), exits 1.
 *
 * Not Nest's `enableShutdownHooks()`: it runs the modules' destroy hooks before the HTTP server
 * stops, so a request still running could find its store closed, and it puts no bound on the wait.
 *
 * In a cluster the primary asks with SHUTDOWN_MESSAGE instead; it may come after a SIGINT that a
 * terminal sent the whole process group, so a repeated message is no reason to hurry.
 * `afterClose` stops what lives beside the application (the projection thread).
 */
export const shutDownGracefullyOnSignals = (
  app: INestApplication,
  timeoutMs: number,
  afterClose: () => Promise<void> = async () => undefined,
): void => {
  let shuttingDown = false;

  const shutDown = async (signal: NodeJS.Signals, fromPrimary = false) => {
    if (shuttingDown && fromPrimary) return;
    if (shuttingDown) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(`${signal}: no new connections; waiting up to ${timeoutMs} ms for requests in flight`);
    try {
      const cut = await drainHttpServer(app.getHttpServer() as Server, timeoutMs);
      if (cut > 0) logger.warn(`cut ${cut} connection(s) still busy after ${timeoutMs} ms`);
      const closeTimeoutMs = Math.max(timeoutMs, MIN_CLOSE_TIMEOUT_MS);
      const hung = setTimeout(() => {
        logger.error(`closing did not finish within ${closeTimeoutMs} ms; exiting anyway`);
        process.exit(1);
      }, closeTimeoutMs);
      hung.unref();
      await app.close();
      await afterClose();
      clearTimeout(hung);
      logger.log('stopped');
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${oneLineError(error)}`);
      process.exit(1);
    }
  };

  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, (received: NodeJS.Signals) => void shutDown(received));
  process.on('message', (message: unknown) => {
    if (message === SHUTDOWN_MESSAGE) void shutDown('SIGTERM', true);
  });
};
