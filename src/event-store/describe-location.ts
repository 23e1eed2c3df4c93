import { EventStoreLocation, redact } from '@lotse/event-store';

/** Where the events are, for logs and error messages: never with a password in it. */
export const describeLocation = (location: EventStoreLocation): string => {
  switch (location.engine) {
    case 'pglite':
      return `pglite ${location.dir}`;
    case 'postgres':
      return `postgres ${redact(location.connectionString)} schema ${location.schema}`;
    case 'kurrentdb':
      return `kurrentdb ${redact(location.connectionString)}`;
  }
};
