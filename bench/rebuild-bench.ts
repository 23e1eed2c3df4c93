/**
 * How fast a read model is rebuilt from the log on the PostgreSQL server: a million generated
 * pathway events in a scratch schema, then the real `rebuildProjection` for each of the service's
 * projections, next to a plain read of the same log, all on one driver as the app has it.
 */
import { performance } from 'node:perf_hooks';
import { SqlEventStore } from '@lotse/event-store/sql/sql-event-store';
import type { EventStore, StoredEvent } from '@lotse/event-store/event-store';
// File by file: the package index also loads the MongoDB adapter, which the bench does not need.
import { batches } from '@lotse/projections/batches';
import type { Projection } from '@lotse/projections/projection';
import { rebuildProjection } from '@lotse/projections/rebuild';
import { SqlLogOrder } from '@lotse/projections/sql/sql-log-order';
import { SqlReadModelStore } from '@lotse/projections/sql/sql-read-model-store';
import { seededRandom } from '../libs/domain/src/duplicates/testing/population';
import { PROJECTIONS } from '../src/projections';
import type { BenchConfig } from './config';
import { pathwayAppends } from './generated-pathways';
import { PeakRss } from './peak-rss';
import { openScratchStore, ScratchStore } from './scratch';
import { DriverTimes, timedDriver } from './timed-driver';

export interface ReadRow {
  label: string;
  events: number;
  seconds: number;
}

export interface RebuildRow extends ReadRow {
  documents: number;
  rssBeforeMb: number;
  peakRssMb: number;
  times: DriverTimes;
}

export interface RebuildBenchResult {
  where: string;
  batchSize: number;
  generated?: { events: number; pathways: number; appends: number; seconds: number; lanes: number };
  /** Pathway documents one batch of the log touches, on average: how much a batch's fold can save. */
  pathwaysPerBatch?: number;
  reads: ReadRow[];
  rebuilds: RebuildRow[];
  error?: string;
}

/** Appends in flight while generating: enough to keep the server's cores busy. */
const LANES = 8;
const MB = 2 ** 20;

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

/** Every `step` of `total`, a line of progress; the whole run takes minutes. */
const progress = (label: string, total: number, step = 0.1) => {
  let next = step;
  return (done: number) => {
    if (done / total < next) return;
    next = Math.floor(done / total / step) * step + step;
    log(`${label}: ${Math.round((100 * done) / total)}%`);
  };
};

/** Whole pathway stories, several at once, until exactly `target` events are stored (the last story cut short). */
const generate = async (store: EventStore, target: number): Promise<NonNullable<RebuildBenchResult['generated']>> => {
  // Seeded: the same shapes every run, so runs compare.
  const random = seededRandom(2026);
  const report = progress('generating', target);
  const started = performance.now();
  let budget = target;
  let pathways = 0;
  let appends = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (budget > 0) {
        const story = pathwayAppends(pathways++, random);
        const taken = [];
        for (const append of story) {
          if (budget <= 0) break;
          const events = append.events.slice(0, budget);
          budget -= events.length;
          taken.push({ ...append, events });
        }
        for (const append of taken) {
          await store.append(append.streamId, append.events, { expectedVersion: 'any' });
          appends += 1;
        }
        report(target - budget);
      }
    }),
  );
  return { events: target, pathways, appends, seconds: (performance.now() - started) / 1000, lanes: LANES };
};

/** One pass over the log, plainly or in the rebuild's batches; counts and checks it got all of it. */
const timeRead = async <T>(label: string, source: AsyncIterable<T>, expected: number, size: (item: T) => number): Promise<ReadRow> => {
  let events = 0;
  const started = performance.now();
  for await (const item of source) events += size(item);
  const seconds = (performance.now() - started) / 1000;
  if (events !== expected) throw new Error(`${label} returned ${events} events, ${expected} were written`);
  return { label, events, seconds };
};

/** Pathway documents per batch, counted on the way: each is loaded and written once per batch that touches it. */
const pathwaysIn =
  (counter: { batches: number; touched: number }) =>
  (batch: readonly StoredEvent[]): number => {
    counter.batches += 1;
    counter.touched += new Set(batch.filter((e) => e.streamId.startsWith('pathway-')).map((e) => e.streamId)).size;
    return batch.length;
  };

/** The real rebuild, as `npm run projections -- rebuild` runs it, over a driver that times where the seconds go. */
const timeRebuild = async (scratch: ScratchStore, projection: Projection, config: BenchConfig, expected: number): Promise<RebuildRow> => {
  const { driver, times } = timedDriver(scratch.driver);
  const store = new SqlEventStore(driver, { schema: scratch.schema });
  const readModels = new SqlReadModelStore(driver);
  // A deployment's live, empty read model, as the app's start creates it.
  await readModels.init(projection);
  const peak = new PeakRss();
  const rssBeforeMb = process.memoryUsage.rss() / MB;
  peak.reset();
  const report = progress(`rebuild ${projection.name}`, expected, 0.25);
  const result = await rebuildProjection({
    store,
    readModels,
    projection,
    logOrder: new SqlLogOrder(driver),
    batchSize: config.rebuildBatch,
    onProgress: (p) => report(p.done),
  });
  const peakRssMb = peak.read() / MB;
  peak.stop();
  const { total: documents } = await readModels.find(projection.name, { limit: 1 });
  if (result.events !== expected) throw new Error(`rebuild of ${projection.name} read ${result.events} events, ${expected} were written`);
  return { label: `rebuild ${projection.name}`, events: result.events, seconds: result.seconds, documents, rssBeforeMb, peakRssMb, times };
};

export const benchRebuild = async (
  config: BenchConfig,
  registerCleanup: (fn: () => Promise<void>) => void,
): Promise<RebuildBenchResult> => {
  const result: RebuildBenchResult = { where: '', batchSize: config.rebuildBatch, reads: [], rebuilds: [] };
  let scratch: ScratchStore;
  try {
    scratch = await openScratchStore({ databaseUrl: config.databaseUrl, prefix: 'lotse_bench_rebuild', maxConnections: config.pgPool });
  } catch (error) {
    return { ...result, error: `could not open: ${(error as Error).message}` };
  }
  registerCleanup(scratch.cleanup);
  result.where = `schema ${scratch.schema}`;
  try {
    const target = config.rebuildEvents;
    log(`rebuild: generating ${target.toLocaleString('en-US')} pathway events (${LANES} appends in flight, untimed for the target)`);
    result.generated = await generate(scratch.store, target);
    // What autovacuum would have done by the time anyone rebuilds: statistics and hint bits, so no timed pass pays for them.
    await scratch.driver.exec('vacuum analyze events');
    // Superusers only; elsewhere the timed passes may meet the checkpointer, a little noisier.
    await scratch.driver.exec('checkpoint').catch(() => undefined);
    const { store } = scratch;
    const batchSize = config.rebuildBatch;
    log(`rebuild: read-all, batch ${batchSize}`);
    result.reads.push(await timeRead('read-all', store.readAll({ batchSize }), target, () => 1));
    const touched = { batches: 0, touched: 0 };
    result.reads.push(
      await timeRead('read-all in rebuild batches', batches(store.readAll({ batchSize }), batchSize, 1_000), target, pathwaysIn(touched)),
    );
    result.pathwaysPerBatch = touched.batches ? touched.touched / touched.batches : undefined;
    // Every read model the service keeps; the target is the pathways one's.
    for (const projection of PROJECTIONS) {
      log(`rebuild: ${projection.name}, batch ${batchSize}`);
      result.rebuilds.push(await timeRebuild(scratch, projection, config, target));
    }
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    await scratch.cleanup().catch((error) => {
      result.error ??= `cleanup failed: ${(error as Error).message}`;
    });
  }
  return result;
};
