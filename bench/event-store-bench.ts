import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
// Imported file by file: the package index also loads the KurrentDB adapter, which the bench does not need.
import type { EventStore, NewEvent } from '@lotse/event-store/event-store';
import { SqlEventStore } from '@lotse/event-store/sql/sql-event-store';
import type { SqlDriver } from '@lotse/event-store/sql/sql-driver';
import { PgliteDriver } from '@lotse/event-store/pglite/pglite-driver';
import type { BenchConfig, Engine } from './config';
import { caseStepRecorded } from './sample-event';
import { once, openScratchStore } from './scratch';
import { Samples, Summary } from './stats';

export interface AppendPhase {
  writers: number;
  appends: number;
  opsPerSec: number;
  latency: Summary;
  /** CPU this process used during the timed phase, in % of one core: is the client the bottleneck? */
  clientCpuPercent: number;
}

export interface ReadPhase {
  events: number;
  /** Events written untimed by multi-event appends so the read has enough to chew on. */
  seeded: number;
  eventsPerSec: number;
}

export interface EngineResult {
  engine: Engine;
  /** Where it ran, for the report: the temp dir or the scratch schema. */
  where: string;
  appends: AppendPhase[];
  read?: ReadPhase;
  /** How the events table was scanned over the whole run, from the engine's own statistics. */
  scans?: { seqScans: number; indexScans: number };
  /** Every store.append of the run: timed, warm-up and seeding. */
  appendCalls: number;
  error?: string;
}

const WARMUP_MS = 500;
export const SEED_BATCH = 500;

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

interface Opened {
  store: EventStore;
  driver: SqlDriver;
  where: string;
  /** Reads the table statistics; on the server only after `cleanup` (backends flush them on exit). */
  scans: () => Promise<EngineResult['scans']>;
  cleanup: () => Promise<void>;
}

const SCANS_SQL = `select seq_scan::text as seq, coalesce(idx_scan, 0)::text as idx
  from pg_stat_user_tables where schemaname = $1 and relname = 'events'`;
const toScans = (rows: { seq: string; idx: string }[]) =>
  rows[0] ? { seqScans: Number(rows[0].seq), indexScans: Number(rows[0].idx) } : undefined;

/** Counts the appends that reach the engine, so table scans can be put next to them. */
const counting = (store: EventStore, counter: { calls: number }): EventStore => {
  const append = store.append.bind(store);
  store.append = (...args) => {
    counter.calls += 1;
    return append(...args);
  };
  return store;
};

const openEngine = async (engine: Engine, config: BenchConfig): Promise<Opened> => {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'lotse-bench-pglite-'));
    try {
      const driver = await PgliteDriver.open(dir, 'lotse');
      const store = new SqlEventStore(driver, { schema: 'lotse' });
      await store.init();
      return {
        store,
        driver,
        where: dir,
        scans: async () => toScans(await driver.query(SCANS_SQL, ['lotse'])),
        cleanup: once(async () => {
          await store.close().catch(() => undefined);
          rmSync(dir, { recursive: true, force: true });
        }),
      };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  let scans: EngineResult['scans'];
  const opened = await openScratchStore({
    databaseUrl: config.databaseUrl,
    prefix: 'lotse_bench',
    maxConnections: config.pgPool,
    beforeDrop: async (admin, schema) => {
      // The pool's backends have just exited and flushed their statistics; give them a moment.
      await new Promise((resolve) => setTimeout(resolve, 300));
      scans = toScans((await admin.query<{ seq: string; idx: string }>(SCANS_SQL, [schema])).rows);
    },
  });
  return { ...opened, where: `schema ${opened.schema}`, scans: async () => scans };
};

/**
 * `writers` concurrent writers, each appending one event at a time to its own stream with the
 * expected version it got back last time, for a fixed time after a short untimed warm-up.
 */
const appendPhase = async (store: EventStore, engine: Engine, writers: number, seconds: number): Promise<AppendPhase> => {
  const run = randomBytes(3).toString('hex');
  const streams = Array.from({ length: writers }, (_, i) => `pathway-${engine}-${run}-${i}`);
  const versions = new Array<number>(writers).fill(-1);
  // Untimed: create every stream (and, on the server, open the pool's connections).
  await Promise.all(
    streams.map(async (stream, i) => {
      versions[i] = (await store.append(stream, [caseStepRecorded(stream, 0)], { expectedVersion: 'no_stream' })).nextVersion;
    }),
  );

  const samples = new Samples();
  let appends = 0;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  const measureFrom = performance.now() + WARMUP_MS;
  const deadline = measureFrom + seconds * 1000;
  let lastEnd = measureFrom;
  await Promise.all(
    streams.map(async (stream, i) => {
      let n = versions[i] + 1;
      const correlationId = randomUUID();
      while (performance.now() < deadline) {
        const event = caseStepRecorded(stream, n, correlationId);
        const started = performance.now();
        // Taken inline, not by a timer: PGlite's appends can run without ever yielding to timers.
        if (started >= measureFrom && !cpuAtStart) cpuAtStart = process.cpuUsage();
        const result = await store.append(stream, [event], { expectedVersion: versions[i] });
        const ended = performance.now();
        versions[i] = result.nextVersion;
        n += 1;
        if (started >= measureFrom) {
          samples.push(ended - started);
          appends += 1;
          lastEnd = Math.max(lastEnd, ended);
        }
      }
    }),
  );
  const elapsed = (lastEnd - measureFrom) / 1000;
  const cpu = cpuAtStart ? process.cpuUsage(cpuAtStart) : undefined;
  const clientCpuPercent = cpu && elapsed > 0 ? ((cpu.user + cpu.system) / 1e6 / elapsed) * 100 : NaN;
  return { writers, appends, opsPerSec: elapsed > 0 ? appends / elapsed : 0, latency: samples.summary(), clientCpuPercent };
};

/** Tops the log up to `target` events with multi-event appends (untimed), then times one full readAll. */
const readPhase = async (opened: Opened, engine: Engine, config: BenchConfig): Promise<ReadPhase> => {
  const count = async () => Number((await opened.driver.query<{ n: string }>('select count(*)::text as n from events'))[0].n);
  const before = await count();
  let seeded = 0;
  if (before < config.readEvents) {
    const missing = config.readEvents - before;
    log(`${engine}: seeding ${missing.toLocaleString('en-US')} events for read-all (untimed)`);
    const batches = Math.ceil(missing / SEED_BATCH);
    // The server takes a few appends at once; PGlite is one backend, so more would only queue.
    const lanes = engine === 'postgres' ? 4 : 1;
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < batches) {
          const b = next++;
          const size = Math.min(SEED_BATCH, missing - b * SEED_BATCH);
          const stream = `seed-${engine}-${b}`;
          const events: NewEvent[] = Array.from({ length: size }, (_, k) => caseStepRecorded(stream, k));
          await opened.store.append(stream, events, { expectedVersion: 'no_stream' });
          seeded += size;
        }
      }),
    );
  }
  const expected = before + seeded;
  log(`${engine}: read-all over ${expected.toLocaleString('en-US')} events`);
  let events = 0;
  let checksum = 0;
  const started = performance.now();
  for await (const event of opened.store.readAll(config.readBatch ? { batchSize: config.readBatch } : {})) {
    events += 1;
    checksum += event.streamVersion;
  }
  const elapsed = (performance.now() - started) / 1000;
  if (events !== expected) throw new Error(`read-all returned ${events} events, ${expected} were written (checksum ${checksum})`);
  return { events, seeded, eventsPerSec: events / elapsed };
};

export const benchEngine = async (
  engine: Engine,
  config: BenchConfig,
  registerCleanup: (fn: () => Promise<void>) => void,
): Promise<EngineResult> => {
  let opened: Opened;
  try {
    opened = await openEngine(engine, config);
  } catch (error) {
    return { engine, where: '', appends: [], appendCalls: 0, error: `could not open: ${(error as Error).message}` };
  }
  registerCleanup(opened.cleanup);
  const counter = { calls: 0 };
  counting(opened.store, counter);
  const result: EngineResult = { engine, where: opened.where, appends: [], appendCalls: 0 };
  try {
    for (const writers of config.writers) {
      log(`${engine}: append, ${writers} writer${writers === 1 ? '' : 's'}, ${config.seconds} s`);
      result.appends.push(await appendPhase(opened.store, engine, writers, config.seconds));
    }
    result.read = await readPhase(opened, engine, config);
    if (engine === 'pglite') result.scans = await opened.scans();
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    await opened.cleanup().catch((error) => {
      result.error ??= `cleanup failed: ${(error as Error).message}`;
    });
  }
  if (engine === 'postgres') result.scans = await opened.scans().catch(() => undefined);
  result.appendCalls = counter.calls;
  return result;
};
