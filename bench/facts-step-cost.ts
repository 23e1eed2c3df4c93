/**
 * What one case step costs the statistics facts projection on the PostgreSQL server as pathways grow
 * long: pathways given a history of N case steps (untimed), then case steps spread over them in
 * batches as the runner writes them under load, timed by CPU — this process (the fold and the driver)
 * and the one PostgreSQL backend that applies them — per case step. CPU, not time, since a busy machine
 * stretches time far more. `node -r @swc-node/register bench/facts-step-cost.ts [history …]`.
 */
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@lotse/event-store/event-store';
import { SqlReadModelStore } from '@lotse/projections/sql/sql-read-model-store';
import { statisticsFactsProjection } from '../src/statistics/facts/statistics-facts.projection';
import { cpuSecondsOf } from './process-cpu';
import { openScratchStore } from './scratch';

const PATHWAYS = Number(process.env.BENCH_FACTS_PATHWAYS) || 100;
const TIMED_STEPS = Number(process.env.BENCH_FACTS_STEPS) || 4_000;
/** Case steps per read-model transaction in the timed phase, each on another pathway: the runner's batches under the HTTP load. */
const BATCH = 40;
const DAY = '2026-03-13';

let position = 0;
const stored = (streamId: string, type: string, data: Record<string, unknown>): StoredEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: 'coach-1',
    role: 'coach',
    municipality: 'neuss',
    correlationId: 'c',
    causationId: 'c',
    occurredAt: `${DAY}T10:00:00.000Z`,
  },
  streamId,
  streamVersion: 0,
  globalPosition: ++position,
  recordedAt: `${DAY}T10:00:00.000Z`,
  hash: '',
});
const opened = (pathwayId: string): StoredEvent =>
  stored(`pathway-${pathwayId}`, 'PathwayOpened', {
    pathwayId,
    participantId: 'p-1',
    municipality: 'neuss',
    kind: 'coaching',
    jurisdiction: 'sgb2',
    plannedStart: '2026-01-05',
    ageAtStart: 20,
  });
/** The history's steps fall on many days, as a pathway's over months; the timed ones on one day, as in the HTTP bench. */
const step = (pathwayId: string, day: string): StoredEvent =>
  stored(`pathway-${pathwayId}`, 'CaseStepRecorded', { pathwayId, step: { kind: 'employer_contact', occurredAt: `${day}T09:00:00.000Z` } });
const historyDay = (n: number): string => new Date(Date.UTC(2024, 0, 1) + (n % 700) * 86_400_000).toISOString().slice(0, 10);

const main = async (): Promise<void> => {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const histories = process.argv.slice(2).map(Number);
  for (const history of histories.length > 0 ? histories : [10, 100, 1_000]) {
    position = 0;
    const scratch = await openScratchStore({ databaseUrl, prefix: 'bench_facts', maxConnections: 1 });
    try {
      const readModels = new SqlReadModelStore(scratch.driver);
      await readModels.init(statisticsFactsProjection);
      const [{ pid }] = await scratch.driver.query<{ pid: number }>('select pg_backend_pid() as pid');
      const ids = Array.from({ length: PATHWAYS }, () => randomUUID());
      const apply = async (events: StoredEvent[]) => {
        const result = await readModels.applyBatch(statisticsFactsProjection, events, events[0].globalPosition - 1);
        if (result.failure) throw result.failure.error;
      };
      await apply(ids.map(opened));
      // The history: each pathway's steps, a few hundred events per transaction.
      for (let n = 0; n < history; n += 10) {
        await apply(ids.flatMap((id) => Array.from({ length: Math.min(10, history - n) }, (_, k) => step(id, historyDay(n + k)))));
      }
      const before = { own: process.cpuUsage(), backend: cpuSecondsOf([pid]).get(pid) ?? 0 };
      for (let done = 0; done < TIMED_STEPS; done += BATCH) {
        await apply(Array.from({ length: BATCH }, (_, k) => step(ids[(done + k) % PATHWAYS], DAY)));
      }
      const own = process.cpuUsage(before.own);
      const backend = (cpuSecondsOf([pid]).get(pid) ?? 0) - before.backend;
      const perStep = (ms: number) => ((ms * 1000) / TIMED_STEPS).toFixed(1);
      const ownMs = (own.user + own.system) / 1000;
      process.stdout.write(
        `history ${history} steps/pathway: ${perStep(ownMs + backend * 1000)} µs CPU per step (this process ${perStep(ownMs)}, PostgreSQL backend ${perStep(backend * 1000)})\n`,
      );
    } finally {
      await scratch.cleanup();
    }
  }
};

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
