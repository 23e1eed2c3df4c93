import { Logger } from '@nestjs/common';
import { createEventStore, EventStore, EventStoreLocation } from '@lotse/event-store';
import { describeLocation } from './describe-location';
import { retryWhileUnreachable } from './retry-while-unreachable';

const logger = new Logger('EventStore');

/**
 * Opens and migrates the store EVENT_STORE_URL names, waiting up to `startupTimeoutMs` for a
 * database that does not answer yet. A failure says which store could not be opened; the cause
 * (refused connection, embedded database in use, …) follows in the message.
 */
export const openEventStore = async (location: EventStoreLocation, startupTimeoutMs = 0): Promise<EventStore> => {
  const where = describeLocation(location);
  try {
    const store = await retryWhileUnreachable(
      () =>
        createEventStore(location, {
          // The pool replaces a dropped connection by itself; this only leaves a trace of it.
          onConnectionError: (error) => logger.warn(`connection lost (${where}): ${error.message}`),
        }),
      startupTimeoutMs,
      (error, pauseMs) => logger.warn(`cannot reach ${where} yet (${(error as Error).message}); trying again in ${pauseMs} ms`),
    );
    logger.log(`open: ${where}`);
    return store;
  } catch (error) {
    throw new Error(`cannot open the event store (${where})`, { cause: error });
  }
};
