import type { StoredEvent } from '@lotse/event-store';
import type { Projection } from './projection';

/** What one `applyBatch` did; `position` is the checkpoint after it (0 for the start of the log). */
export interface ApplyResult {
  position: number;
  applied: number;
  /** Events at or before the stored checkpoint: a replay of work already committed. */
  skipped: number;
  /** The event whose `apply` threw; everything before it in the batch was committed. */
  failure?: { position: number; error: unknown };
}

/** Where read models and their checkpoints live; one adapter per READ_MODEL_URL scheme. */
export interface ReadModelStore {
  /** Creates the projection's table and checkpoint when missing; safe on every start. */
  init(projection: Projection): Promise<void>;
  checkpoint(name: string): Promise<number>;
  /**
   * Applies `events` (which follow `after` in log order) and moves the checkpoint, atomically.
   * Throws CheckpointMovedError when another runner moved the checkpoint elsewhere meanwhile.
   */
  applyBatch(projection: Projection, events: readonly StoredEvent[], after: number): Promise<ApplyResult>;
  get<Document>(name: string, id: string): Promise<Document | undefined>;
  all<Document>(name: string): Promise<Map<string, Document>>;
  /** Drops the documents and rewinds the checkpoint, so the next run rebuilds from the log. */
  reset(name: string): Promise<void>;
}

/**
 * Positions name events and are ordered by the log, not by number, so a checkpoint that is
 * neither the batch's start nor inside the batch cannot be placed: the caller resubscribes from it.
 */
export class CheckpointMovedError extends Error {
  constructor(readonly projection: string, readonly expected: number, readonly actual: number) {
    super(`checkpoint of ${projection} is at ${actual}, not ${expected}: another runner moved it`);
    this.name = 'CheckpointMovedError';
  }
}
