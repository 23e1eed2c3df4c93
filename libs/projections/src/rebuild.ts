import type { EventStore } from '@lotse/event-store';
import { batches } from './batches';
import type { LeaderElection } from './leader-election';
import type { LogOrder } from './log-order';
import type { Projection } from './projection';
import { ReadModelStore, rebuildName } from './read-model-store';

export interface RebuildProgress {
  projection: string;
  /** Events read so far, handled or not. */
  done: number;
  /** The log's length when the rebuild started, grown as it finds more; NaN when the store cannot count. */
  total: number;
  eventsPerSecond: number;
  /** Seconds left at the current speed; undefined when unknown. */
  etaSeconds?: number;
}

export interface RebuildOptions {
  store: EventStore;
  readModels: ReadModelStore;
  projection: Projection;
  logOrder: LogOrder;
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
  signal?: AbortSignal;
  /** How many times to catch up again when the live model moved on during the swap check. */
  maxRounds?: number;
  /** Keeps two rebuilds of one projection (two operators, two processes) from sharing one table. */
  election?: LeaderElection;
}

/** The projection's own code threw on an event: the rebuild stops there, the live model stays. */
export class RebuildFailedError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
    override readonly cause: unknown,
  ) {
    super(`rebuild of ${projection} failed at event ${position}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RebuildFailedError';
  }
}

export class RebuildInProgressError extends Error {
  constructor(readonly projection: string) {
    super(`${projection} is being rebuilt elsewhere already; wait for that rebuild to finish`);
    this.name = 'RebuildInProgressError';
  }
}

export interface RebuildResult {
  projection: string;
  events: number;
  seconds: number;
  position: number;
}

/**
 * Builds a projection afresh beside the live one, from the start of the log, and swaps it in
 * once it has reached the live checkpoint. Readers keep the old model until that moment and
 * the live runner simply carries on from the rebuilt checkpoint.
 */
export const rebuildProjection = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { election, projection } = options;
  const lock = rebuildName(projection.name);
  if (election && !(await election.tryAcquire(lock))) throw new RebuildInProgressError(projection.name);
  try {
    return await rebuild(options);
  } finally {
    await election?.release(lock);
  }
};

const rebuild = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { store, readModels, projection, logOrder, signal } = options;
  const batchSize = options.batchSize ?? 1000;
  const shadow = await readModels.prepareRebuild(projection);
  const started = Date.now();
  let total = await logOrder.behind(0);
  let done = 0;
  let position = 0;
  const report = () => {
    const seconds = (Date.now() - started) / 1000;
    const eventsPerSecond = seconds > 0 ? done / seconds : 0;
    total = Math.max(total, done);
    const etaSeconds = eventsPerSecond > 0 && Number.isFinite(total) ? (total - done) / eventsPerSecond : undefined;
    options.onProgress?.({ projection: projection.name, done, total, eventsPerSecond, etaSeconds });
  };
  for (let round = 0; round < (options.maxRounds ?? 100); round += 1) {
    for await (const batch of batches(store.readAll({ fromPosition: position, batchSize }), batchSize, 1_000)) {
      if (signal?.aborted) throw new Error(`rebuild of ${projection.name} cancelled`);
      const result = await readModels.applyBatch(shadow, batch, position);
      if (result.failure) throw new RebuildFailedError(projection.name, result.failure.position, result.failure.error);
      position = result.position;
      done += batch.length;
      report();
    }
    // Compare, then swap only if the live checkpoint is still there: the check cannot run inside
    // the swap's transaction, which on PGlite holds the only connection.
    const live = await readModels.checkpoint(projection.name);
    const caughtUp = live === 0 || live === position || (await logOrder.hasPassed(live, position));
    if (caughtUp && (await readModels.swapIn(projection, live))) {
      report();
      return { projection: projection.name, events: done, seconds: (Date.now() - started) / 1000, position };
    }
    // The live model applied events the rebuilt one has not read yet, or moved on meanwhile: read on and try again.
    if (Number.isFinite(total)) total = done + (await logOrder.behind(position));
  }
  throw new Error(`rebuild of ${projection.name} could not catch up with the live read model`);
};
