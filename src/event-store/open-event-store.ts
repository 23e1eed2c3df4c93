import { Logger } from '@nestjs/common';
import { createEventStore, EventStore, EventStoreLocation } from '@lotse/event-store';
import { describeLocation } from './describe-location';

const logger = new Logger('EventStore');

/**
 * Opens and migrates the store EVENT_STORE_URL names. A failure says which store could not be
 * opened; the cause (refused connection, embedded database in use, …) follows in the message.
 */
export const openEventStore = async (location: EventStoreLocation): Promise<EventStore> => {
  const where = describeLocation(location);
  try {
    const store = await createEventStore(location, {
      // The pool replaces a dropped idle connection by itself; this only leaves a trace of it.
      onConnectionError: (error) => logger.warn(`connection lost (${where}): ${error.message}`),
    });
    logger.log(`open: ${where}`);
    return store;
  } catch (error) {
    throw new Error(`cannot open the event store (${where})`, { cause: error });
  }
};
