import type { EventStore, StoredEvent } from '@lotse/event-store';
import type { LeaderElection } from '../leader-election';
import type { Projection } from '../projection';
import type { LogOrder } from '../log-order';
import { ProjectionRunner } from '../projection-runner';
import { CheckpointMovedError, ReadModelStore, rebuildName } from '../read-model-store';
import { RebuildInProgressError, rebuildProjection, RebuildProgress } from '../rebuild';
import { appendHistory, eventually, foldLog, headOf, pathwaySummary } from './pathway-summary.projection';

/** What an engine's spec hands the suite: an empty event store and read-model store side by side. */
export interface RunnerWorld {
  store: EventStore;
  readModels: ReadModelStore;
  /** A fresh election per runner, as each process would have its own. */
  election(): LeaderElection;
  logOrder: LogOrder;
  close(): Promise<void>;
}

const readFirst = async (store: EventStore): Promise<StoredEvent[]> => {
  for await (const e of store.readAll({ maxCount: 1 })) return [e];
  return [];
};

const HISTORY = 1_100; // pathways: a little over 10,000 events

export const projectionRunnerContract = (open: () => Promise<RunnerWorld>): void => {
  let world: RunnerWorld;
  const runners: ProjectionRunner[] = [];
  const errors: string[] = [];
  const runner = (projections: Projection[], batchSize = 200) => {
    const r = new ProjectionRunner({
      store: world.store,
      readModels: world.readModels,
      election: world.election(),
      projections,
      batchSize,
      batchWindowMs: 10,
      retryMs: 50,
      logOrder: world.logOrder,
      logger: { error: (m) => errors.push(m), warn: (m) => errors.push(m) },
    });
    runners.push(r);
    return r;
  };

  beforeEach(async () => {
    world = await open();
    errors.length = 0;
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await world.close();
  });

  it('builds a read model incrementally while events arrive that equals one rebuilt from scratch', async () => {
    const live = runner([pathwaySummary()]);
    await live.start();
    const count = await appendHistory(world.store, HISTORY);
    expect(count).toBeGreaterThanOrEqual(10_000);
    const head = await headOf(world.store);
    expect(await live.waitFor('pathway_summary', head, 60_000)).toBe(true);

    const rebuilt = runner([pathwaySummary('pathway_summary_rebuilt')], 1000);
    await rebuilt.start();
    expect(await rebuilt.waitFor('pathway_summary_rebuilt', head, 60_000)).toBe(true);

    const expected = await foldLog(world.store, pathwaySummary());
    expect(expected.size).toBeGreaterThan(1000);
    expect(await world.readModels.all('pathway_summary')).toEqual(expected);
    expect(await world.readModels.all('pathway_summary_rebuilt')).toEqual(expected);
    expect(live.positionOf('pathway_summary')).toBe(head);
    expect(await world.readModels.checkpoint('pathway_summary')).toBe(head);
    expect(errors).toEqual([]);
  });

  it('rebuilds beside the live model while events keep arriving, and swaps in what the incremental build has', async () => {
    const live = runner([pathwaySummary()]);
    await live.start();
    const before = await appendHistory(world.store, HISTORY / 2);
    const progress: RebuildProgress[] = [];
    const [rebuilt, during] = await Promise.all([
      rebuildProjection({
        store: world.store,
        readModels: world.readModels,
        projection: pathwaySummary(),
        logOrder: world.logOrder,
        batchSize: 300,
        onProgress: (p) => progress.push(p),
      }),
      appendHistory(world.store, HISTORY / 2, HISTORY / 2),
    ]);
    expect(rebuilt.events).toBeGreaterThanOrEqual(5_000);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress[progress.length - 1]).toMatchObject({ projection: 'pathway_summary', done: rebuilt.events });
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done)).toBe(true);

    const head = await headOf(world.store);
    expect(await live.waitFor('pathway_summary', head, 60_000)).toBe(true);
    const expected = await foldLog(world.store, pathwaySummary());
    expect(before + during).toBeGreaterThanOrEqual(10_000);
    expect(await world.readModels.all('pathway_summary')).toEqual(expected);
    expect(await world.readModels.checkpoint('pathway_summary')).toBe(head);
    expect(errors).toEqual([]);
  });

  it('rebuilds a model built by an older version of the projection on start, and then follows the log', async () => {
    await appendHistory(world.store, 200);
    const v1 = runner([pathwaySummary()]);
    await v1.start();
    expect(await v1.waitFor('pathway_summary', await headOf(world.store), 30_000)).toBe(true);
    await v1.stop();
    expect(await world.readModels.builtWith('pathway_summary')).toBe(1);

    const base = pathwaySummary();
    const v2: Projection = {
      ...base,
      version: 2,
      apply: (current, event) => {
        const next = base.apply(current as never, event);
        return next && { ...next, counted: 'v2' };
      },
    };
    // Two processes start the new version at once: one rebuilds, the other waits for it.
    const [a, b] = [runner([v2]), runner([v2])];
    await Promise.all([a.start(), b.start()]);
    await eventually(async () => (await world.readModels.builtWith('pathway_summary')) === 2);
    await appendHistory(world.store, 20, 200);
    const head = await headOf(world.store);
    await eventually(() => [a, b].some((r) => r.status()[0].state === 'running'));
    const leader = [a, b].find((r) => r.status()[0].state === 'running')!;
    expect(await leader.waitFor('pathway_summary', head, 30_000)).toBe(true);
    const docs = await world.readModels.all<{ counted?: string }>('pathway_summary');
    expect(docs).toEqual(await foldLog(world.store, v2));
    expect([...docs.values()].every((d) => d.counted === 'v2')).toBe(true);
    expect(errors.filter((m) => !m.includes('was built by version 1, this is version 2'))).toEqual([]);
  });

  it('refuses a second rebuild of the same projection while one runs elsewhere', async () => {
    await appendHistory(world.store, 100);
    const options = {
      store: world.store,
      readModels: world.readModels,
      projection: pathwaySummary(),
      logOrder: world.logOrder,
      batchSize: 50,
    };
    const [first, second] = [world.election(), world.election()];
    // As a rebuild in another process holds it.
    expect(await first.tryAcquire(rebuildName('pathway_summary'))).toBe(true);
    await expect(rebuildProjection({ ...options, election: second })).rejects.toBeInstanceOf(RebuildInProgressError);
    await first.release(rebuildName('pathway_summary'));
    await expect(rebuildProjection({ ...options, election: second })).resolves.toMatchObject({ projection: 'pathway_summary' });
    await Promise.all([first.close(), second.close()]);
    expect(await world.readModels.all('pathway_summary')).toEqual(await foldLog(world.store, pathwaySummary()));
  });

  it('doubles nothing when stopped mid-way and started again', async () => {
    await appendHistory(world.store, HISTORY);
    const head = await headOf(world.store);
    const first = runner([pathwaySummary()], 100);
    await first.start();
    await eventually(() => first.positionOf('pathway_summary') !== 0);
    await first.stop();
    const stoppedAt = await world.readModels.checkpoint('pathway_summary');
    expect(stoppedAt).not.toBe(head);

    const second = runner([pathwaySummary()], 100);
    await second.start();
    expect(await second.waitFor('pathway_summary', head, 60_000)).toBe(true);
    expect(await world.readModels.all('pathway_summary')).toEqual(await foldLog(world.store, pathwaySummary()));
    // Applied by the first runner, so not in the second's memory: the log order answers.
    const [firstEvent] = await readFirst(world.store);
    expect(await second.waitFor('pathway_summary', firstEvent.globalPosition, 0)).toBe(true);
    expect(await second.waitFor('pathway_summary', head + 1_000_000, 50)).toBe(false);
  });

  it('skips a batch replayed at or before the checkpoint, and refuses one from elsewhere in the log', async () => {
    await appendHistory(world.store, 3, 0, 1);
    await headOf(world.store);
    const events: StoredEvent[] = [];
    for await (const e of world.store.readAll()) events.push(e);
    const projection = pathwaySummary();
    await world.readModels.init(projection);
    const once = await world.readModels.applyBatch(projection, events.slice(0, 10), 0);
    expect(once).toMatchObject({ position: events[9].globalPosition, skipped: 0 });
    const before = await world.readModels.all('pathway_summary');

    const again = await world.readModels.applyBatch(projection, events.slice(0, 10), 0);
    expect(again).toMatchObject({ position: events[9].globalPosition, applied: 0, skipped: 10 });
    expect(await world.readModels.all('pathway_summary')).toEqual(before);

    const overlapping = await world.readModels.applyBatch(projection, events.slice(5), events[4].globalPosition);
    expect(overlapping).toMatchObject({ position: events[events.length - 1].globalPosition, skipped: 5 });
    await expect(world.readModels.applyBatch(projection, events.slice(2, 4), events[1].globalPosition)).rejects.toBeInstanceOf(
      CheckpointMovedError,
    );
    expect(await world.readModels.all('pathway_summary')).toEqual(await foldLog(world.store, projection));
  });

  it('stops a projection whose apply throws, visibly, while another keeps going', async () => {
    await appendHistory(world.store, 50);
    let steps = 0;
    const broken: Projection = {
      ...pathwaySummary('broken'),
      apply: (current, event) => {
        if (event.type === 'CaseStepRecorded' && ++steps === 100) throw new Error('bad step');
        return pathwaySummary().apply(current as never, event);
      },
    };
    const r = runner([broken, pathwaySummary()], 50);
    await r.start();
    await eventually(() => r.status().find((s) => s.name === 'broken')!.state === 'failed');
    await appendHistory(world.store, 10, 50);
    const head = await headOf(world.store);
    expect(await r.waitFor('pathway_summary', head, 30_000)).toBe(true);

    const failed = r.status().find((s) => s.name === 'broken')!;
    expect(failed).toMatchObject({ state: 'failed', error: { message: 'bad step' } });
    expect(failed.position).not.toBe(head);
    expect(await world.readModels.checkpoint('broken')).toBe(failed.position);
    expect(r.status().find((s) => s.name === 'pathway_summary')).toMatchObject({ state: 'running', position: head });
    expect(errors.some((m) => m.includes(`broken stopped at event ${failed.error!.position}`))).toBe(true);
    // Everything before the failing event was applied: 99 steps counted, the 100th not.
    const docs = await world.readModels.all<{ steps: number }>('broken');
    expect([...docs.values()].reduce((n, d) => n + d.steps, 0)).toBe(99);
  });

  it('lets only one runner per projection work, and the other take over when it stops', async () => {
    await appendHistory(world.store, 20);
    const a = runner([pathwaySummary()]);
    const b = runner([pathwaySummary()]);
    await a.start();
    await eventually(() => a.status()[0].state === 'running');
    await b.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(b.status()[0].state).toBe('waiting');

    await a.stop();
    await eventually(() => b.status()[0].state === 'running');
    await appendHistory(world.store, 20, 20);
    const head = await headOf(world.store);
    expect(await b.waitFor('pathway_summary', head, 30_000)).toBe(true);
    expect(await world.readModels.all('pathway_summary')).toEqual(await foldLog(world.store, pathwaySummary()));
  });

  it('stores the checkpoint of batches it handles nothing of only now and then, and all of it once the log is quiet', async () => {
    // A projection of other events than the ones arriving: pathway histories hold none of these.
    const elsewhere: Projection = { ...pathwaySummary('offers_elsewhere'), handles: ['OfferPublished'] };
    const applyBatch = jest.spyOn(world.readModels, 'applyBatch');
    const r = runner([elsewhere], 5);
    await r.start();
    // Appended over a while, read in batches of at most 5: one transaction each would be dozens.
    const events = await appendHistory(world.store, 30, 0, 1);
    const head = await headOf(world.store);
    expect(await r.waitFor('offers_elsewhere', head, 30_000)).toBe(true);
    const stores = applyBatch.mock.calls.filter(([p]) => p.name === 'offers_elsewhere').length;
    expect(stores).toBeLessThan(events / 5 / 3);
    // Quiet: the position the runner holds in memory reaches the stored checkpoint too.
    expect(r.positionOf('offers_elsewhere')).toBe(head);
    await eventually(async () => (await world.readModels.checkpoint('offers_elsewhere')) === head);
    expect(await world.readModels.all('offers_elsewhere')).toEqual(new Map());
    // A runner started on the stored checkpoint finds nothing left to do, and doubles nothing.
    await r.stop();
    const again = runner([elsewhere], 5);
    await again.start();
    expect(await again.waitFor('offers_elsewhere', head, 30_000)).toBe(true);
    expect(errors).toEqual([]);
  });
};
