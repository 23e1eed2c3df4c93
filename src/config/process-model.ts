import { availableParallelism } from 'node:os';
import type { AppConfig } from './config-variables';

export type ProjectionPlacement = 'inline' | 'worker' | 'off';

/** How many HTTP processes run and where the projection runner runs: WEB_CONCURRENCY and PROJECTIONS resolved. */
export interface ProcessModel {
  webProcesses: number;
  projections: ProjectionPlacement;
}

type Locations = Pick<AppConfig, 'EVENT_STORE_URL' | 'READ_MODEL_URL'>;

/**
 * True when some state lives in the embedded PGlite database, which one process may open: the
 * events, the read models, or — beside KurrentDB without MongoDB read models — the side tables.
 */
export const usesEmbeddedDatabase = ({ EVENT_STORE_URL: events, READ_MODEL_URL: readModels }: Locations): boolean =>
  events.engine === 'pglite' || readModels?.engine === 'pglite' || (events.engine === 'kurrentdb' && readModels?.engine !== 'mongodb');

/** Combinations that cannot work, each named by the variable to change; checked with the rest of the configuration. */
export const processModelProblems = (config: Locations & Pick<AppConfig, 'WEB_CONCURRENCY' | 'PROJECTIONS'>) => {
  if (!usesEmbeddedDatabase(config)) return [];
  const problems: { variable: string; message: string }[] = [];
  const embedded =
    'the embedded PGlite database can be open in one process only; put events and read models on a PostgreSQL server to run more';
  if (typeof config.WEB_CONCURRENCY === 'number' && config.WEB_CONCURRENCY > 1)
    problems.push({ variable: 'WEB_CONCURRENCY', message: `must be 1 (or auto) here, got ${config.WEB_CONCURRENCY}: ${embedded}` });
  // `off` would leave the read models without a runner: no other process can open the database to feed them.
  if (config.PROJECTIONS === 'worker' || config.PROJECTIONS === 'off')
    problems.push({ variable: 'PROJECTIONS', message: `must be inline (or auto) here, got ${config.PROJECTIONS}: ${embedded}` });
  return problems;
};

/** The URLs of the database servers the service talks to (an embedded PGlite directory is none). */
const serverUrls = ({ EVENT_STORE_URL: events, READ_MODEL_URL: readModels }: Locations): string[] =>
  [events, readModels].flatMap((location) => {
    if (!location || location.engine === 'pglite') return [];
    return [location.engine === 'mongodb' ? location.url : location.connectionString];
  });

/**
 * The hosts a database URL names: every host of a multi-host URL (`esdb://a:2113,b:2113`), and for
 * PostgreSQL a `host=` parameter, which wins over the host part (a Unix socket directory there).
 */
const hostsOf = (url: string): string[] => {
  const query = /\?([^#]*)/.exec(url)?.[1] ?? '';
  const hostParameter = new URLSearchParams(query).get('host');
  if (hostParameter !== null) return hostParameter.split(',');
  const authority = /^[a-z0-9+.-]+:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)?.[1] ?? '';
  return authority.split(',').map((host) => decodeURIComponent(host.replace(/:\d*$/, '')));
};

/** This machine: no host (the default Unix socket), a socket directory, `localhost` or a loopback address. */
const isLocalHost = (host: string): boolean => {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === '' || name.startsWith('/') || name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
};

/** True when a database server the service uses runs on this machine, so it needs some of its cores. */
export const databaseOnThisMachine = (config: Locations): boolean => serverUrls(config).some((url) => hostsOf(url).some(isLocalHost));

/**
 * `WEB_CONCURRENCY=auto`: one HTTP process on the embedded PGlite (one process owns it); else one per
 * core, less one core left to the database server when it runs on this machine (measured on two cores
 * with PostgreSQL beside: one process answered more case steps than two).
 */
const autoWebProcesses = (config: Locations, cores: number): number => {
  if (usesEmbeddedDatabase(config)) return 1;
  return databaseOnThisMachine(config) ? Math.max(1, cores - 1) : cores;
};

export const resolveProcessModel = (config: AppConfig, cores = availableParallelism()): ProcessModel => {
  const webProcesses = config.WEB_CONCURRENCY === 'auto' ? autoWebProcesses(config, cores) : config.WEB_CONCURRENCY;
  const projections = config.PROJECTIONS === 'auto' ? (webProcesses > 1 ? 'worker' : 'inline') : config.PROJECTIONS;
  return { webProcesses, projections };
};
