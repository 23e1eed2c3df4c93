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

export const resolveProcessModel = (config: AppConfig, cores = availableParallelism()): ProcessModel => {
  const embedded = usesEmbeddedDatabase(config);
  const webProcesses = config.WEB_CONCURRENCY === 'auto' ? (embedded ? 1 : cores) : config.WEB_CONCURRENCY;
  const projections = config.PROJECTIONS === 'auto' ? (webProcesses > 1 ? 'worker' : 'inline') : config.PROJECTIONS;
  return { webProcesses, projections };
};
