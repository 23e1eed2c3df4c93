/** Benchmark settings, all from the environment so `npm run bench` needs no arguments. */
export interface BenchConfig {
  /** Seconds per timed append phase (BENCH_SECONDS, default 5). */
  seconds: number;
  /** Seconds per pgbench run (BENCH_PGBENCH_SECONDS, default BENCH_SECONDS). */
  pgbenchSeconds: number;
  /** Concurrent writers per append phase (BENCH_WRITERS, default "1,16"). */
  writers: number[];
  /** Events the read-all phase iterates at least (BENCH_READ_EVENTS, default 100000). */
  readEvents: number;
  /** Events per round trip of readAll (BENCH_READ_BATCH, default: the store's own default). */
  readBatch?: number;
  /** Which engines to measure (BENCH_ENGINES, default "pglite,postgres"). */
  engines: Engine[];
  /** The PostgreSQL server for pgbench and the postgres engine (DATABASE_URL). */
  databaseUrl: string;
  /** pgbench binary (PGBENCH, default "pgbench") and query mode (BENCH_PGBENCH_MODE, default "extended" like `pg`). */
  pgbench: string;
  pgbenchMode: 'simple' | 'extended' | 'prepared';
  /** Pool size for the postgres engine (BENCH_PG_POOL); unset = the driver's default. */
  pgPool?: number;
  /** Which parts of the report to run (BENCH_SECTIONS, default "store,http,domain,rebuild,statistics,page"). */
  sections: Section[];
  /** The HTTP section: autocannon connections (BENCH_HTTP_CONNECTIONS, default 32). */
  httpConnections: number;
  /** Pathways the case-step rows spread over, one row each (BENCH_HTTP_PATHWAYS, default "32,1"). */
  httpPathways: number[];
  /** Untimed load before each timed HTTP row, in seconds (BENCH_HTTP_WARMUP, default 1). */
  httpWarmup: number;
  /** LOG_LEVEL of the measured server (BENCH_HTTP_LOG_LEVEL, default "warn": no line per request). */
  httpLogLevel: string;
  /** Directory for a V8 CPU profile of the measured server (BENCH_HTTP_CPU_PROF): one .cpuprofile per timed row; unset = none. */
  httpCpuProf?: string;
  /** The rebuild section: pathway events generated into a scratch schema (BENCH_REBUILD_EVENTS, default 1000000). */
  rebuildEvents: number;
  /** Events per read and per read-model transaction of the rebuild (BENCH_REBUILD_BATCH, default 2000). */
  rebuildBatch: number;
}

export const SECTIONS = ['store', 'http', 'domain', 'rebuild', 'statistics', 'page'] as const;
export type Section = (typeof SECTIONS)[number];

export type Engine = 'pglite' | 'postgres';

const num = (name: string, fallback: number, min = 0): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}`);
  return value;
};

const list = (name: string, fallback: string): string[] =>
  (process.env[name] || fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const loadConfig = (): BenchConfig => {
  const seconds = num('BENCH_SECONDS', 5, 0.1);
  const engines = list('BENCH_ENGINES', 'pglite,postgres');
  for (const e of engines)
    if (e !== 'pglite' && e !== 'postgres') throw new Error(`BENCH_ENGINES: unknown engine ${JSON.stringify(e)} (pglite, postgres)`);
  const writers = list('BENCH_WRITERS', '1,16').map(Number);
  if (writers.some((w) => !Number.isInteger(w) || w < 1)) throw new Error('BENCH_WRITERS must be positive integers, e.g. "1,16"');
  const mode = process.env.BENCH_PGBENCH_MODE || 'extended';
  if (mode !== 'simple' && mode !== 'extended' && mode !== 'prepared')
    throw new Error('BENCH_PGBENCH_MODE must be simple, extended or prepared');
  const readBatch = process.env.BENCH_READ_BATCH ? num('BENCH_READ_BATCH', 1000, 1) : undefined;
  const pgPool = process.env.BENCH_PG_POOL ? num('BENCH_PG_POOL', 20, 1) : undefined;
  const sections = list('BENCH_SECTIONS', SECTIONS.join(','));
  for (const s of sections)
    if (!(SECTIONS as readonly string[]).includes(s))
      throw new Error(`BENCH_SECTIONS: unknown section ${JSON.stringify(s)} (${SECTIONS.join(', ')})`);
  const httpPathways = list('BENCH_HTTP_PATHWAYS', '32,1').map(Number);
  if (httpPathways.some((p) => !Number.isInteger(p) || p < 1))
    throw new Error('BENCH_HTTP_PATHWAYS must be positive integers, e.g. "32,1"');
  return {
    seconds,
    pgbenchSeconds: num('BENCH_PGBENCH_SECONDS', seconds, 1),
    writers,
    readEvents: Math.floor(num('BENCH_READ_EVENTS', 100_000, 1)),
    readBatch,
    engines: engines as Engine[],
    databaseUrl: process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test',
    pgbench: process.env.PGBENCH || 'pgbench',
    pgbenchMode: mode,
    pgPool,
    sections: sections as Section[],
    httpConnections: Math.floor(num('BENCH_HTTP_CONNECTIONS', 32, 1)),
    httpPathways,
    httpWarmup: num('BENCH_HTTP_WARMUP', 1, 0),
    httpLogLevel: process.env.BENCH_HTTP_LOG_LEVEL || 'warn',
    httpCpuProf: process.env.BENCH_HTTP_CPU_PROF || undefined,
    rebuildEvents: Math.floor(num('BENCH_REBUILD_EVENTS', 1_000_000, 1)),
    rebuildBatch: Math.floor(num('BENCH_REBUILD_BATCH', 2000, 1)),
  };
};
