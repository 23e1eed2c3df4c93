import { randomUUID } from 'node:crypto';

/** Which engine an EVENT_STORE_URL names, parsed once so configuration can refuse bad values early. */
export type EventStoreLocation =
  | { engine: 'pglite'; dir: string; schema: string }
  | { engine: 'postgres'; connectionString: string; schema: string }
  | { engine: 'kurrentdb'; connectionString: string };

export const DEFAULT_SCHEMA = 'lotse';

/** `pglite:memory://` is a throwaway in-memory database; `memory://<name>` one shared by name. */
export const MEMORY = 'memory://';

/**
 * `pglite:<dir>` (or `pglite:memory://`), `postgres://…` / `postgresql://…` (optional `?schema=`),
 * `esdb://…` / `kurrentdb://…`. Throws a one-line message for anything else.
 */
export const parseEventStoreUrl = (url: string): EventStoreLocation => {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  switch (scheme) {
    case 'pglite:': {
      let dir = url.slice('pglite:'.length).replace(/^\/\/(?=[^/])/, '');
      if (!dir) throw new Error('pglite: needs a directory, e.g. pglite:./data/lotse');
      // Everyone who uses this location (events, keys, read models) must meet in one database.
      if (dir === MEMORY) dir = `${MEMORY}${randomUUID()}`;
      return { engine: 'pglite', dir, schema: DEFAULT_SCHEMA };
    }
    case 'postgres:':
    case 'postgresql:': {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(`not a valid PostgreSQL URL: ${redact(url)}`);
      }
      const schema = parsed.searchParams.get('schema') ?? DEFAULT_SCHEMA;
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
        throw new Error(`schema must be a plain lower-case identifier, got ${JSON.stringify(schema)}`);
      parsed.searchParams.delete('schema');
      return { engine: 'postgres', connectionString: parsed.toString(), schema };
    }
    case 'esdb:':
    case 'esdb+discover:':
    case 'kurrentdb:':
    case 'kurrentdb+discover:':
    case 'kurrent:':
    case 'kurrent+discover:':
      return { engine: 'kurrentdb', connectionString: url.replace(/^kurrent(db)?/i, 'esdb') };
    default:
      throw new Error(`unknown scheme ${JSON.stringify(scheme || url)}; use pglite:<dir>, postgres://… or kurrentdb://…`);
  }
};

/** Never print a password into a log or an error. */
export const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
