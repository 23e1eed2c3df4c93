import { EventStoreLocation, parseEventStoreUrl } from '@lotse/event-store';
import { redact } from '@lotse/event-store/event-store-url';

/** Which store a READ_MODEL_URL names. */
export type ReadModelLocation = Exclude<EventStoreLocation, { engine: 'kurrentdb' }> | { engine: 'mongodb'; url: string };

/** `pglite:<dir>`, `postgres://…` (optional `?schema=`) or `mongodb://…` / `mongodb+srv://…`. */
export const parseReadModelUrl = (url: string): ReadModelLocation => {
  if (/^mongodb(\+srv)?:\/\//i.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new Error(`not a valid MongoDB URL: ${redact(url)}`);
    }
    return { engine: 'mongodb', url };
  }
  const location = (() => {
    try {
      return parseEventStoreUrl(url);
    } catch (error) {
      throw new Error((error as Error).message.replace(/kurrentdb:\/\/…/, 'mongodb://…'), { cause: error });
    }
  })();
  if (location.engine === 'kurrentdb')
    throw new Error('KurrentDB holds events, not read models; use pglite:<dir>, postgres://… or mongodb://…');
  return location;
};
