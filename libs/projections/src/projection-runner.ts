import type { EventStore, StoredEvent } from '@lotse/event-store';
import { batches, PAUSE, withPauses } from './batches';
import type { LeaderElection } from './leader-election';
import type { LogOrder } from './log-order';
import { Projection, versionOf } from './projection';
import { CHECKPOINT_AT_LEAST_EVERY_MS, DeferredCheckpoint } from './deferred-checkpoint';
import { CheckpointMovedError, ReadModelStore } from './read-model-store';
import { RebuildFailedError, RebuildInProgressError, rebuildProjection } from './rebuild';
import { SharedSubscription } from './shared-subscription';

export interface ProjectionStatus {
  name: string;
  /** The checkpoint: the last event applied or skipped (0 before the first). */
  position: number;
  /** `rebuilding`: the stored model was built by another version of the projection; the old one serves meanwhile. */
  state: 'running' | 'failed' | 'waiting' | 'rebuilding';
  error?: { message: string; position: number };
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  readModels: ReadModelStore;
  election: LeaderElection;
  projections: readonly Projection[];
  batchSize?: number;
  batchWindowMs?: number;
  /** Events per read-model transaction while rebuilding a model built by another version. */
  rebuildBatchSize?: number;
  /** How often a runner that is not the leader asks again, and the pause after a failed read. */
  retryMs?: number;
  /** Places positions that fell out of the in-memory window, and lets a rebuild find the live model. */
  logOrder: LogOrder;
  logger?: { error(message: string): void; warn(message: string): void };
  /** Told of every committed batch (after the events were applied), e.g. to measure the lag. */
  onApplied?: (projection: string, events: readonly StoredEvent[]) => void;
}

/** Positions kept in memory for `waitFor`: a command's own event is almost always this recent. */
const RECENT = 50_000;
/** How often a runner that does not lead looks at the stored checkpoint while a read waits. */
const FOLLOW_MS = 25;
/** The longest pause between attempts while the read-model database (or the log) cannot be reached. */
const MAX_RETRY_MS = 5_000;

interface Slot {
  projection: Projection;
  status: ProjectionStatus;
  recent: Set<number>;
  waiters: Set<() => void>;
  done?: Promise<void>;
}

/**
 * Feeds each projection from the store's ordered subscription, starting at its stored
 * checkpoint, one batch per transaction. Each projection runs on its own, so one that fails or
 * waits for the lead does not hold back the others.
 */
export class ProjectionRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly abort = new AbortController();
  /** The projections at the same place in the log read it once between them. */
  private readonly log: SharedSubscription;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.log = new SharedSubscription(options.store, { signal: this.abort.signal, batchSize: options.batchSize });
    for (const projection of options.projections) {
      this.slots.set(projection.name, {
        projection,
        recent: new Set(),
        waiters: new Set(),
        status: { name: projection.name, position: 0, state: 'waiting' },
      });
    }
  }

  async start(): Promise<void> {
    for (const slot of this.slots.values()) {
      await this.options.readModels.init(slot.projection);
      slot.status.position = await this.options.readModels.checkpoint(slot.projection.name);
      slot.done = this.run(slot);
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([...this.slots.values()].flatMap((s) => (s.done ? [s.done] : [])));
    for (const slot of this.slots.values()) slot.waiters.forEach((wake) => wake());
    await this.options.election.close();
  }

  status(): ProjectionStatus[] {
    return [...this.slots.values()].map((s) => ({ ...s.status }));
  }

  positionOf(name: string): number {
    return this.slot(name).status.position;
  }

  /**
   * Resolves true once the projection has applied the event at `position`, false on timeout or
   * stop. A runner that does not lead (another process feeds the read model) asks the stored
   * checkpoint instead, every `followMs`.
   */
  async waitFor(name: string, position: number, timeoutMs: number): Promise<boolean> {
    const slot = this.slot(name);
    if (await this.passed(slot, position)) return true;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !this.abort.signal.aborted) {
      const leading = slot.status.state === 'running';
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          slot.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, Math.min(deadline - Date.now(), leading ? Infinity : FOLLOW_MS)));
        slot.waiters.add(wake);
      });
      // Leading, only the in-memory window: a position not yet applied enters it when it is.
      if (slot.recent.has(position)) return true;
      if (!leading && slot.status.state !== 'running' && (await this.followStored(slot, position))) return true;
    }
    return false;
  }

  private async passed(slot: Slot, position: number): Promise<boolean> {
    if (slot.recent.has(position)) return true;
    if (slot.status.state !== 'running') return this.followStored(slot, position);
    return this.options.logOrder.hasPassed(position, slot.status.position);
  }

  /** Where the leader (maybe in another process) has got to, taken from the stored checkpoint. */
  private async followStored(slot: Slot, position: number): Promise<boolean> {
    const stored = await this.options.readModels.checkpoint(slot.projection.name).catch(() => slot.status.position);
    if (slot.status.state !== 'running') slot.status.position = stored;
    return stored === position || this.options.logOrder.hasPassed(position, stored);
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no projection named ${name}`);
    return slot;
  }

  private async run(slot: Slot): Promise<void> {
    const { election, readModels } = this.options;
    const name = slot.projection.name;
    const handled = new Set(slot.projection.handles);
    const signal = this.abort.signal;
    if (!(await this.upToVersion(slot))) return;
    // Consecutive failures: a database that is away is asked less and less often, and logged less.
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!(await election.tryAcquire(name))) {
          slot.status.state = 'waiting';
          failures = 0;
          await this.pause();
          continue;
        }
        slot.status.state = 'running';
        // Read again after every (re)gain of the lead: the previous leader may have moved it.
        let after = await readModels.checkpoint(name);
        slot.status.position = after;
        const checkpoint = new DeferredCheckpoint(after, handled);
        const subscription = this.log.follow(after);
        const read = batches(subscription, this.options.batchSize ?? 500, this.options.batchWindowMs ?? 20);
        for await (const item of withPauses(read, CHECKPOINT_AT_LEAST_EVERY_MS)) {
          if (signal.aborted || !election.holds(name)) break;
          if (item === PAUSE) {
            // Quiet now: the batch put off is stored (it changes no document, only the checkpoint).
            const { unstored } = checkpoint;
            checkpoint.storedAs(unstored && (await readModels.applyBatch(slot.projection, unstored, checkpoint.stored)).position);
            continue;
          }
          const batch = item;
          if (checkpoint.defers(batch)) {
            after = batch[batch.length - 1].globalPosition;
            this.applied(slot, batch, after);
            this.options.onApplied?.(name, batch);
            continue;
          }
          const result = await readModels.applyBatch(slot.projection, batch, checkpoint.stored);
          failures = 0;
          after = result.position;
          checkpoint.storedAs(after);
          this.applied(slot, batch, result.position, result.failure?.position);
          this.options.onApplied?.(
            name,
            result.failure
              ? batch.slice(
                  0,
                  batch.findIndex((e) => e.globalPosition === result.failure!.position),
                )
              : batch,
          );
          if (result.failure) return this.fail(slot, result.failure.position, result.failure.error);
        }
        // The subscription ends on its own only when the store closes; do not spin on it.
        if (!signal.aborted) await this.pause();
      } catch (error) {
        // A moved checkpoint means resubscribe from it; anything else (a lost connection) is retried,
        // never a 'failed' state: that is kept for the projection's own code throwing on an event.
        if (error instanceof CheckpointMovedError) {
          if (!signal.aborted) await this.pause();
          continue;
        }
        failures += 1;
        const pauseMs = Math.min(MAX_RETRY_MS, (this.options.retryMs ?? 500) * 2 ** (failures - 1));
        if (failures === 1 || pauseMs < MAX_RETRY_MS || failures % 10 === 0) {
          this.options.logger?.warn(`projection ${name}: ${describe(error)}; retrying in ${pauseMs} ms`);
        }
        if (!signal.aborted) await this.pause(pauseMs);
      }
    }
    await election.release(name).catch(() => undefined);
  }

  /**
   * A read model built by another version of the projection is rebuilt beside the old one (which
   * serves meanwhile) and swapped in, by this runner or by another process's: whichever gets the
   * rebuild lock. False when the new code fails on an event, which stops this projection.
   */
  private async upToVersion(slot: Slot): Promise<boolean> {
    const { election, readModels, store, logOrder, logger } = this.options;
    const { projection } = slot;
    const signal = this.abort.signal;
    for (;;) {
      const built = await readModels.builtWith(projection.name).catch(() => versionOf(projection));
      if (built === versionOf(projection) || signal.aborted) return true;
      slot.status.state = 'rebuilding';
      try {
        logger?.warn(
          `projection ${projection.name}: the read model was built by version ${built}, this is version ${versionOf(projection)}; rebuilding it`,
        );
        await rebuildProjection({ store, readModels, projection, logOrder, election, signal, batchSize: this.options.rebuildBatchSize });
        slot.status.position = await readModels.checkpoint(projection.name);
      } catch (error) {
        if (error instanceof RebuildFailedError) {
          await this.fail(slot, error.position, error.cause);
          return false;
        }
        // Another process rebuilds it (or a connection dropped): look again in a moment.
        if (!(error instanceof RebuildInProgressError) && !signal.aborted)
          logger?.warn(`projection ${projection.name}: ${describe(error)}; retrying`);
        if (!signal.aborted) await this.pause();
      }
    }
  }

  private applied(slot: Slot, batch: readonly StoredEvent[], position: number, failedAt?: number): void {
    for (const event of batch) {
      if (event.globalPosition === failedAt) break;
      slot.recent.add(event.globalPosition);
    }
    // A Set iterates in insertion order, so the oldest positions go first.
    for (const old of slot.recent) {
      if (slot.recent.size <= RECENT) break;
      slot.recent.delete(old);
    }
    slot.status.position = position;
    slot.waiters.forEach((wake) => wake());
  }

  private async fail(slot: Slot, position: number, error: unknown): Promise<void> {
    const message = describe(error);
    slot.status.state = 'failed';
    slot.status.error = { message, position };
    this.options.logger?.error(`projection ${slot.projection.name} stopped at event ${position}: ${message}`);
    // Let another process try: the same code will fail there too, but a fixed deployment will not.
    await this.options.election.release(slot.projection.name).catch(() => undefined);
  }

  private pause(ms = this.options.retryMs ?? 500): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.abort.signal.addEventListener('abort', done);
    });
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
